"""Every table, in one place: ``from goodword.storage.tables import Person``.

Each group of tables is imported when one of its names is first asked for (PEP 562), so a
command that reads the practice does not build the classes of the accounts or the referral
programs (~70 ms of a command's start). Asking for ``Base`` imports every group, so its
metadata is complete for Alembic, backups, the trash and the tests."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goodword.programs.store.outbox_tables import OutboxMessage, WebhookEndpoint
    from goodword.programs.store.tables import (
        Advocate,
        Conversion,
        Lead,
        Program,
        RewardEvent,
        RewardRow,
        Signup,
        Story,
        Visit,
        WorkerLease,
    )
    from goodword.storage.account_tables import (
        ApiToken,
        Membership,
        ServerKey,
        ThrottleEvent,
        User,
        WebSession,
    )
    from goodword.storage.base import Base
    from goodword.storage.history_tables import CalendarEvent, ImportBatch, TrashEntry
    from goodword.storage.network_tables import (
        ContactPoint,
        Interaction,
        Knows,
        MergeRecord,
        Note,
        Organization,
        PastPosition,
        Person,
        PersonDate,
        Setting,
        Skill,
        Tag,
        Workspace,
    )
    from goodword.storage.practice_tables import (
        Ask,
        Brief,
        Gratitude,
        Opportunity,
        OpportunitySkill,
        ProfileEmbedding,
        Recommendation,
        ReferenceRequest,
        Referral,
        ReferralMilestone,
    )

_MODULE = {
    "ApiToken": "goodword.storage.account_tables",
    "Membership": "goodword.storage.account_tables",
    "ServerKey": "goodword.storage.account_tables",
    "ThrottleEvent": "goodword.storage.account_tables",
    "User": "goodword.storage.account_tables",
    "WebSession": "goodword.storage.account_tables",
    "CalendarEvent": "goodword.storage.history_tables",
    "ImportBatch": "goodword.storage.history_tables",
    "TrashEntry": "goodword.storage.history_tables",
    "ContactPoint": "goodword.storage.network_tables",
    "Interaction": "goodword.storage.network_tables",
    "Knows": "goodword.storage.network_tables",
    "MergeRecord": "goodword.storage.network_tables",
    "Note": "goodword.storage.network_tables",
    "Organization": "goodword.storage.network_tables",
    "PastPosition": "goodword.storage.network_tables",
    "Person": "goodword.storage.network_tables",
    "PersonDate": "goodword.storage.network_tables",
    "Setting": "goodword.storage.network_tables",
    "Skill": "goodword.storage.network_tables",
    "Tag": "goodword.storage.network_tables",
    "Workspace": "goodword.storage.network_tables",
    "OutboxMessage": "goodword.programs.store.outbox_tables",
    "WebhookEndpoint": "goodword.programs.store.outbox_tables",
    "Ask": "goodword.storage.practice_tables",
    "Brief": "goodword.storage.practice_tables",
    "Gratitude": "goodword.storage.practice_tables",
    "Opportunity": "goodword.storage.practice_tables",
    "OpportunitySkill": "goodword.storage.practice_tables",
    "ProfileEmbedding": "goodword.storage.practice_tables",
    "Recommendation": "goodword.storage.practice_tables",
    "ReferenceRequest": "goodword.storage.practice_tables",
    "Referral": "goodword.storage.practice_tables",
    "ReferralMilestone": "goodword.storage.practice_tables",
    "Advocate": "goodword.programs.store.tables",
    "Conversion": "goodword.programs.store.tables",
    "Lead": "goodword.programs.store.tables",
    "Program": "goodword.programs.store.tables",
    "RewardEvent": "goodword.programs.store.tables",
    "RewardRow": "goodword.programs.store.tables",
    "Signup": "goodword.programs.store.tables",
    "Story": "goodword.programs.store.tables",
    "Visit": "goodword.programs.store.tables",
    "WorkerLease": "goodword.programs.store.tables",
}
_GROUPS = (
    "goodword.storage.account_tables",
    "goodword.storage.history_tables",
    "goodword.storage.network_tables",
    "goodword.programs.store.outbox_tables",
    "goodword.storage.practice_tables",
    "goodword.programs.store.tables",
)


def __getattr__(name: str) -> Any:
    if name == "Base":
        for group in _GROUPS:
            import_module(group)
        return import_module("goodword.storage.base").Base
    module = _MODULE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "Advocate",
    "ApiToken",
    "Ask",
    "Base",
    "Brief",
    "CalendarEvent",
    "ContactPoint",
    "Conversion",
    "Gratitude",
    "ImportBatch",
    "Interaction",
    "Knows",
    "Lead",
    "Membership",
    "MergeRecord",
    "Note",
    "Opportunity",
    "OpportunitySkill",
    "Organization",
    "OutboxMessage",
    "PastPosition",
    "Person",
    "PersonDate",
    "ProfileEmbedding",
    "Program",
    "Recommendation",
    "ReferenceRequest",
    "Referral",
    "ReferralMilestone",
    "RewardEvent",
    "RewardRow",
    "ServerKey",
    "Setting",
    "Signup",
    "Skill",
    "Story",
    "Tag",
    "ThrottleEvent",
    "TrashEntry",
    "User",
    "Visit",
    "WebSession",
    "WebhookEndpoint",
    "WorkerLease",
    "Workspace",
]
