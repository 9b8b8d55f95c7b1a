"""The programs' pure rules: rewards and milestones, fraud checks, link codes, webhook
signatures. Nothing here imports a framework or the store (tests/test_architecture.py)."""
