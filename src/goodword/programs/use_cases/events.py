"""What each program event queues: the advocate's email (gratitude on every conversion,
as the seeds insist) and the business's webhooks. Called inside the event's own unit of
work, so a message exists exactly when its event does."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, String, cast, literal, select
from sqlalchemy.orm import Session

from goodword.programs.outbox.messages import Sender, email_row, queue, sender_for, webhook_rows
from goodword.programs.rules.rewards import Reward, RewardType
from goodword.programs.rules.states import LeadStatus, ProgramStatus, Review
from goodword.programs.use_cases.programs import rewards_in_words
from goodword.services.draft_words import first_name
from goodword.storage.tables import (
    Advocate,
    Conversion,
    Lead,
    OutboxMessage,
    Program,
    RewardRow,
    Visit,
)

EMAILED = {"reward.approved": "reward-approved", "reward.issued": "reward-issued"}


def _data(row: Any, *fields: str) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}


def advocate_enrolled(
    session: Session,
    program: Program,
    advocate: Advocate,
    portal_token: str,
    now: datetime,
) -> None:
    """The welcome email. Its links come from the workspace's ``public_url`` (never from the
    address a request came to, which a visitor chooses)."""
    if not advocate.email:
        return
    sender = sender_for(session, program.workspace_id)
    context = {
        "first_name": first_name(advocate.name),
        "program": program.name,
        "link": f"{sender.links_base}/r/{advocate.code}",
        "portal_link": f"{sender.links_base}/a/{portal_token}",
        "rewards": rewards_in_words(
            program.advocate_reward, program.friend_reward, program.milestones
        ),
        "guidelines": program.description,
        "window_days": program.window_days,
    }
    row = email_row(
        program.workspace_id,
        sender,
        "advocate-welcome",
        advocate.email,
        context,
        f"welcome:{advocate.id}",
        now,
    )
    queue(session, [row])


def lead_created(
    session: Session, program: Program, advocate: Advocate, lead: Lead, now: datetime
) -> None:
    sender = sender_for(session, program.workspace_id)
    data = _data(lead, "id", "program_id", "advocate_id", "name", "email", "status", "source")
    data["flags"] = lead.flags
    rows = webhook_rows(program.workspace_id, sender, "lead.created", data, f"lead:{lead.id}", now)
    if lead.review == Review.OPEN:
        rows += webhook_rows(
            program.workspace_id, sender, "lead.flagged", data, f"lead-flagged:{lead.id}", now
        )
    elif lead.status != LeadStatus.DUPLICATE and advocate.email:
        context = {
            "first_name": first_name(advocate.name),
            "program": program.name,
            "referred": lead.name,
        }
        rows.append(
            email_row(
                program.workspace_id,
                sender,
                "referral-signed-up",
                advocate.email,
                context,
                f"signed-up:{lead.id}",
                now,
            )
        )
    queue(session, rows)


def conversion_created(
    session: Session,
    program: Program | Row[Any],
    advocate: Advocate | Row[Any],
    lead: Lead | Row[Any],
    conversion: Conversion,
    rewards: list[RewardRow],
    now: datetime,
) -> None:
    sender = sender_for(session, program.workspace_id)
    data = _data(conversion, "id", "program_id", "lead_id", "advocate_id", "external_id")
    data.update(amount=str(conversion.amount) if conversion.amount is not None else None)
    data.update(currency=conversion.currency, review=conversion.review)
    rows = webhook_rows(
        program.workspace_id, sender, "conversion.created", data, f"conversion:{conversion.id}", now
    )
    if advocate.email:
        own = next((r for r in rewards if r.beneficiary == "advocate"), None)
        context = {
            "first_name": first_name(advocate.name),
            "program": program.name,
            "referred": lead.name,
            "reward": _described(own) if own else None,
            "status_reason": f"{own.status}: {own.reason}" if own else "",
        }
        rows.append(
            email_row(
                program.workspace_id,
                sender,
                "referral-converted",
                advocate.email,
                context,
                f"converted:{conversion.id}",
                now,
            )
        )
    queue(session, rows)


def _described(reward: RewardRow) -> str:
    return Reward(
        RewardType(reward.reward_type), reward.amount, reward.currency, reward.text
    ).describe()


def rewards_moved(session: Session, reward_ids: list[int], event: str, now: datetime) -> None:
    """Webhooks for each reward's step, and the advocate's email where the step has one."""
    if not reward_ids:
        return
    found = session.execute(
        select(RewardRow, Advocate, Program, Lead.name)
        .join(Advocate, Advocate.id == RewardRow.advocate_id)
        .join(Program, Program.id == RewardRow.program_id)
        .outerjoin(Conversion, Conversion.id == RewardRow.conversion_id)
        .outerjoin(Lead, Lead.id == Conversion.lead_id)
        .where(RewardRow.id.in_(reward_ids))
    ).all()
    senders: dict[int, Sender] = {}
    rows: list[dict[str, Any]] = []
    for reward, advocate, program, referred in found:
        ws = reward.workspace_id
        sender = senders.setdefault(ws, sender_for(session, ws))
        data = _data(
            reward,
            "id",
            "program_id",
            "advocate_id",
            "conversion_id",
            "beneficiary",
            "rule",
            "reward_type",
            "currency",
            "status",
            "reason",
            "issue_ref",
        )
        data.update(amount=str(reward.amount) if reward.amount is not None else None)
        data.update(advocate_email=advocate.email, reward=_described(reward))
        rows += webhook_rows(ws, sender, event, data, f"{event}:{reward.id}", now)
        kind = EMAILED.get(event)
        if kind and advocate.email and reward.beneficiary == "advocate":
            paid_by_hand = reward.reward_type in ("cash", "gift-card", "donation")
            context = {
                "first_name": first_name(advocate.name),
                "program": program.name,
                "referred": referred or "your referral",
                "reward": _described(reward),
                "reference": reward.issue_ref,
                "next_step": "We will send it to you shortly."
                if paid_by_hand
                else "It will be issued right away.",
            }
            rows.append(
                email_row(ws, sender, kind, advocate.email, context, f"{kind}:{reward.id}", now)
            )
    queue(session, rows)


#: An advocate who has not shared their link this long after enrolling gets one reminder.
REMIND_AFTER = timedelta(days=14)


def remind_quiet_advocates(session: Session, now: datetime) -> int:
    """Queue the one gentle reminder for advocates who never shared (no visit to their link,
    no referral);
    its dedupe key makes it once per advocate, ever."""
    reminded = select(OutboxMessage.dedupe_key).where(
        OutboxMessage.dedupe_key == literal("email:reminder:") + cast(Advocate.id, String)
    )
    quiet = session.execute(
        select(Advocate, Program)
        .join(Program, Program.id == Advocate.program_id)
        .where(
            Advocate.email.is_not(None),
            Advocate.enrolled_at <= now - REMIND_AFTER,
            Program.status == ProgramStatus.ACTIVE,
            ~select(Visit.id).where(Visit.advocate_id == Advocate.id).exists(),
            ~select(Lead.id).where(Lead.advocate_id == Advocate.id).exists(),
            ~reminded.exists(),
        )
        .limit(1000)
    ).all()
    senders: dict[int, Sender] = {}
    rows = []
    for advocate, program in quiet:
        ws = advocate.workspace_id
        sender = senders.setdefault(ws, sender_for(session, ws))
        context = {
            "first_name": first_name(advocate.name),
            "program": program.name,
            "link": f"{sender.links_base}/r/{advocate.code}",
        }
        rows.append(
            email_row(
                ws,
                sender,
                "share-reminder",
                str(advocate.email),
                context,
                f"reminder:{advocate.id}",
                now,
            )
        )
    queue(session, rows)
    return len(rows)
