"""Every table, imported in one place so metadata is complete for Alembic and tests."""

from goodword.storage.account_tables import ApiToken, Membership, ServerKey, User
from goodword.storage.base import Base
from goodword.storage.network_tables import (
    ContactPoint,
    Interaction,
    Knows,
    MergeRecord,
    Note,
    Organization,
    Person,
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

__all__ = [
    "ApiToken",
    "Ask",
    "Base",
    "Brief",
    "ContactPoint",
    "Gratitude",
    "Interaction",
    "Knows",
    "Membership",
    "MergeRecord",
    "Note",
    "Opportunity",
    "OpportunitySkill",
    "Organization",
    "Person",
    "ProfileEmbedding",
    "Recommendation",
    "ReferenceRequest",
    "Referral",
    "ReferralMilestone",
    "ServerKey",
    "Setting",
    "Skill",
    "Tag",
    "User",
    "Workspace",
]
