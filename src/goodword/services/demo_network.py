"""A deterministic sample network, built through the same use cases a person would run.

The random generator has a fixed seed and every date is relative to ``now``, so two runs on
the same day give the same network, and the network always looks current.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from goodword.schemas.network import InteractionCreate, PersonCreate
from goodword.schemas.practice import (
    AskCreate,
    BriefUpdate,
    OpportunityCreate,
    QualifyingAnswers,
    RecommendationCreate,
    ReferenceCreate,
    ReferralGive,
    ReferralReceive,
)
from goodword.services import (
    asks,
    brief,
    demo_data,
    interactions,
    opportunities,
    people,
    references,
    referrals,
    workspaces,
)
from goodword.services import recommendations as recs
from goodword.services import referral_milestones as ms
from goodword.storage.unit_of_work import UnitOfWork

SEED = 7
PEOPLE = 48
RANDOM_INTERACTIONS = 300


#: The demo's people were added this long ago: their check-ins count from then.
KEPT_FOR_DAYS = 730


class DemoBuilder:
    def __init__(self, uow: UnitOfWork, now: datetime) -> None:
        self.uow, self.now, self.rng = uow, now, random.Random(SEED)
        self.ids: list[int] = []

    def ago(self, days: int) -> str:
        return (self.now - timedelta(days=days)).isoformat()

    def p(self, index: int) -> str:
        return f"#{self.ids[index]}"

    def build(self) -> None:
        with self.uow:
            self.people()
            self.interactions()
            self.received()
            self.given()
            self.asks()
            self.recommendations()
            self.references()
            brief.set_brief(self.uow, BriefUpdate(**demo_data.BRIEF), self.now)
            workspaces.set_setting(self.uow, "your_name", "Alex Morgan")
            self.uow.commit()

    def people(self) -> None:
        rng = self.rng
        last_names = rng.sample(demo_data.LAST_NAMES, PEOPLE)
        tiers = ["inner"] * 6 + ["close"] * 12 + ["network"] * 20 + ["acquaintance"] * 10
        for i, first in enumerate(demo_data.FIRST_NAMES[:PEOPLE]):
            company, _, domain = demo_data.COMPANIES[i % len(demo_data.COMPANIES)]
            last = last_names[i]
            created = people.add_person(
                self.uow,
                PersonCreate(
                    name=f"{first} {last}",
                    company=company,
                    title=rng.choice(demo_data.TITLES),
                    emails=[f"{first.lower()}.{last.lower()}@{domain}.example"],
                    skills=rng.sample(demo_data.SKILLS, 3),
                    tags=rng.sample(demo_data.TAGS, i % 3),
                    tier=tiers[i],
                    how_met=rng.choice(demo_data.HOW_MET),
                ),
                self.now - timedelta(days=KEPT_FOR_DAYS),  # a network kept for years
            )
            self.ids.append(created.id)

    def log(
        self, index: int, kind: str, sentiment: str, days: int, note: str | None = None
    ) -> None:
        interactions.log_interaction(
            self.uow,
            InteractionCreate(
                person=self.p(index),
                kind=kind,
                sentiment=sentiment,
                when=self.ago(days),
                note=note or self.rng.choice(demo_data.INTERACTION_NOTES.get(kind, ["Caught up"])),
            ),
            self.now,
        )

    def interactions(self) -> None:
        rng = self.rng
        kinds = list(demo_data.INTERACTION_NOTES)
        weights = [3 if i < 6 else 2 if i < 18 else 1 for i in range(PEOPLE)]
        ask_targets = set(range(30, 36))
        for _ in range(RANDOM_INTERACTIONS):
            index = rng.choices(range(PEOPLE), weights)[0]
            days = rng.randint(1, 540)
            sentiment = rng.choices(["positive", "neutral", "negative"], [65, 27, 8])[0]
            if index in ask_targets and days < 150 and sentiment == "negative":
                sentiment = "neutral"  # the demo's asks are well timed
            kind = rng.choice(kinds)
            if kind in ("project-completed", "feedback-received") and sentiment == "negative":
                sentiment = "positive"  # these kinds are the good moments of seed 004
            self.log(index, kind, sentiment, days)
        # Fresh positive moments: good times to ask (seed 004).
        self.log(7, "project-completed", "positive", 4, "Shipped the pipeline rebuild together")
        self.log(8, "feedback-received", "positive", 9, "Said our workshop changed their roadmap")
        self.log(9, "meeting", "negative", 3, "Tense review: the estimate slipped")

    def received(self) -> None:
        """Received referrals in every stage, with thanks, answers, contacts and outcomes."""
        prospects = iter(demo_data.PROSPECTS)
        plan = demo_data.RECEIVED_PLAN
        for referrer, days, kind, steps in plan:
            created = referrals.receive_referral(
                self.uow,
                ReferralReceive(
                    referrer=self.p(referrer),
                    prospect=next(prospects),
                    kind=kind,
                    when=self.ago(days),
                    value=Decimal(self.rng.choice([8000, 15000, 30000]))
                    if kind == "client"
                    else None,
                ),
                self.now,
            )
            for step in steps:
                self.milestone(created.id, step)

    def milestone(self, referral_id: int, step: str) -> None:
        parts = step.split(":")
        when = self.ago(int(parts[-1]))
        u, now = self.uow, self.now
        match parts[0]:
            case "thank":
                ms.thank_referrer(u, referral_id, parts[1], now, when)
            case "qualify":
                ms.qualify_referral(
                    u,
                    referral_id,
                    QualifyingAnswers(**demo_data.QUALIFYING),
                    now,
                    when,
                )
            case "contacted" | "failed":
                ms.record_contact(
                    u, referral_id, succeeded=parts[0] == "contacted", now=now, when=when
                )
            case "won":
                ms.record_outcome(u, referral_id, "won", now, value=Decimal(24000), when=when)
            case "lost":
                ms.record_outcome(u, referral_id, "lost", now, when=when)
            case "notfit":
                ms.record_outcome(
                    u,
                    referral_id,
                    "not-a-fit",
                    now,
                    when=when,
                    reason="Needed BI dashboards, not platform work",
                )
            case "noresp":
                ms.record_outcome(u, referral_id, "no-response", now, when=when)
            case "updated":
                ms.record_referrer_updated(u, referral_id, now, when)

    def given(self) -> None:
        job = opportunities.add_opportunity(
            self.uow,
            OpportunityCreate(
                title="Staff data engineer",
                organization="Initech",
                contact=self.p(1),
                description="Owns the event pipeline; remote in Europe",
                skills=["Python", "Spark", "Data engineering"],
            ),
            self.now,
        )
        opportunities.add_opportunity(
            self.uow,
            OpportunityCreate(
                title="Fractional security lead",
                organization="Umbrella Health",
                skills=["Security", "Leadership"],
                description="Two days a week for six months",
            ),
            self.now,
        )
        plan = demo_data.GIVEN_PLAN
        referrals.give_referral(
            self.uow,
            ReferralGive(referred=self.p(25), opportunity_id=job.id, kind="job", when=self.ago(3)),
            self.now,
        )
        for referred, to, kind, outcome, days in plan:
            r = referrals.give_referral(
                self.uow,
                ReferralGive(
                    referred=self.p(referred), to_person=self.p(to), kind=kind, when=self.ago(days)
                ),
                self.now,
            )
            if outcome:
                ms.record_outcome(self.uow, r.id, outcome, self.now, when=self.ago(days - 20))

    def asks(self) -> None:
        plan = demo_data.ASK_PLAN
        for index, days, first, second in plan:
            self.log(index, "project-completed", "positive", days + 2)
            ask = asks.create_ask(
                self.uow,
                AskCreate(
                    person=self.p(index),
                    kind="introduction" if index == 31 else "referral",
                    purpose="CTOs whose data platform needs a rescue",
                    channel="email",
                    when=self.ago(days),
                ),
                self.now,
            ).ask
            for step in (first, second):
                if step is None:
                    continue
                action, _, day_text = step.partition(":")
                if action == "follow-up":
                    asks.follow_up_ask(self.uow, ask.id, self.now, self.ago(int(day_text)))
                elif action == "accepted":
                    referral = referrals.receive_referral(
                        self.uow,
                        ReferralReceive(
                            referrer=self.p(index),
                            prospect="Jon Vik, CTO at Fathom Maps",
                            kind="client",
                            when=self.ago(int(day_text)),
                        ),
                        self.now,
                    )
                    ms.thank_referrer(
                        self.uow, referral.id, "gift", self.now, self.ago(int(day_text) - 1)
                    )
                    asks.answer_ask(
                        self.uow,
                        ask.id,
                        "accepted",
                        self.now,
                        when=self.ago(int(day_text)),
                        referral_id=referral.id,
                    )
                else:
                    asks.answer_ask(
                        self.uow, ask.id, action, self.now, when=self.ago(int(day_text))
                    )

    def recommendations(self) -> None:
        plan = demo_data.RECOMMENDATION_PLAN
        for index, direction, kind, status, days, skill in plan:
            rec = recs.add_recommendation(
                self.uow,
                RecommendationCreate(
                    person=self.p(index),
                    direction=direction,
                    kind=kind,
                    status=status,
                    skill=skill,
                    when=self.ago(days),
                    text="A rare engineer who makes everyone around them better."
                    if kind == "recommendation"
                    else None,
                ),
                self.now,
            )
            if direction == "received" and kind == "recommendation" and days > 100:
                recs.thank_for_recommendation(
                    self.uow, rec.id, "handwritten-note", self.now, self.ago(days - 2)
                )

    def references(self) -> None:
        plan = demo_data.REFERENCE_PLAN
        for vendor, confidential, days, steps in plan:
            request = references.add_reference_request(
                self.uow,
                ReferenceCreate(
                    vendor=vendor,
                    company="Northwind Analytics",
                    confidential=confidential,
                    prospect="A retail chain evaluating the platform",
                    when=self.ago(days),
                ),
                self.now,
            )
            for step in steps:
                action, _, day_text = step.partition(":")
                when = self.ago(int(day_text))
                if action == "give":
                    references.give_reference(self.uow, request.id, self.now, when)
                else:
                    references.decide_reference(
                        self.uow,
                        request.id,
                        approve=action == "approve",
                        approver="Dana Reyes (VP Engineering)",
                        now=self.now,
                        when=when,
                    )
