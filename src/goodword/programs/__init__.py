"""Referral programs: a business's programs, advocates and their links, leads,
conversions, rewards paid exactly once, the outbox of emails and webhooks, the portal.

``rules/`` is pure (no frameworks), ``use_cases/`` runs each in one unit of work,
``store/`` holds the tables and the hot queries, ``outbox/`` delivers what events queue.
"""
