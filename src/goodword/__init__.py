"""goodword: a local-first referral network manager."""

__version__ = "0.1.0"
