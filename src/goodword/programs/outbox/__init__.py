"""Emails and webhooks queued by program events, delivered by the worker exactly once."""
