"""Pure referral-practice rules: no I/O, no frameworks, time passed in as ``now``."""
