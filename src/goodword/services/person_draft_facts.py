"""The facts of the drafts about a person rather than a record: a recommendation you
write for them, what to offer back, and a check-in that asks for nothing."""

from __future__ import annotations

from typing import Any

from goodword.services.draft_facts import interactions, month, role
from goodword.services.draft_words import first_name
from goodword.services.ledger import balance
from goodword.services.matching import offers_for_person
from goodword.storage.tables import Person
from goodword.storage.unit_of_work import UnitOfWork

LAST = {
    "meeting": "our last meeting",
    "call": "our last call",
    "event": "we last saw each other",
    "project-completed": "we wrapped up our project",
    "feedback-received": "you sent me such kind feedback",
    "connected": "we connected",
}


#: First words of a "how met" that are ordinary words (lower-cased inside a sentence); any
#: other first word may be a name and keeps its capital.
SENTENCE_WORDS = frozenset(
    [
        "introduced",
        "met",
        "worked",
        "studied",
        "served",
        "grew",
        "built",
        "shared",
        "played",
        "former",
        "through",
        "via",
        "at",
        "from",
        "in",
        "since",
        "university",
        "college",
        "school",
        "work",
        "a",
        "an",
        "the",
        "our",
        "my",
    ]
)


def how_we_met(how_met: str | None, first: str, since: int | None) -> str | None:
    """The free-text "how met" ("introduced by a client", "university", "former client") as
    a sentence of a recommendation, without its full stop."""
    if not how_met or not how_met.strip():
        return f"We have been in touch since {since}" if since else None
    text = how_met.strip().rstrip(".")
    word = text.split()[0].lower()
    if word in SENTENCE_WORDS:  # "Introduced by…", "University" — not "Stanford", "Acme"
        text = text[:1].lower() + text[1:]
    if word == "introduced":
        sentence = f"We were {text}"
    elif word in ("met", "worked", "studied", "served", "grew", "built", "shared", "played"):
        sentence = f"We {text}"
    elif word == "former":
        sentence = f"{first} is a {text} of mine"
    elif word in ("at", "in"):
        sentence = f"We met {text}"
    elif word in ("through", "via", "from", "since"):
        sentence = f"We know each other {text}"
    else:
        sentence = f"We know each other from {text}"
    return sentence + (f", and we have been in touch since {since}" if since else "")


def recommendation_for(uow: UnitOfWork, person: Person) -> dict[str, Any]:
    history = interactions(uow, person)
    projects = [i for i in history if i.kind == "project-completed" and i.sentiment == "positive"]
    skills = [s.name for s in person.skills][:3]
    return {
        "name": person.name,
        "first_name": first_name(person.name),
        "role": role(person),
        "met": how_we_met(
            person.how_met,
            first_name(person.name),
            history[-1].occurred_at.year if history else None,
        ),
        "skills": ", ".join(skills[:-1]) + f" and {skills[-1]}"
        if len(skills) > 1
        else (skills[0] if skills else None),
        "highlight": f"we completed a project together in {month(projects[0].occurred_at)}"
        if projects
        else None,
    }


def _offer_line(kind: str, about: str) -> str:
    """An offer from `goodword offer`, said to the person it is for."""
    if kind == "opportunity":
        return "Put you forward for " + about.removeprefix("refer them to ")
    if kind == "client":
        return "Introduce " + about.removeprefix("introduce ").replace(
            ", who looks for what they do", ", who is looking for what you do"
        )
    return "Introduce you to " + about.removeprefix("introduce them to ").replace(
        ", for what they look for", ", for what you are looking for"
    )


def reciprocal_offer(uow: UnitOfWork, person: Person) -> dict[str, Any]:
    """What to offer back: the same openings and people `goodword offer` finds."""
    rows = balance(uow, f"#{person.id}")
    gave = rows[0].they_gave if rows else {}
    words = [f"{n} {item}{'s' if n > 1 else ''}" for item, n in gave.items()]
    found = offers_for_person(uow, f"#{person.id}", 2).offers
    return {
        "first_name": first_name(person.name),
        "gave": " and ".join(words) or None,
        "offers": [_offer_line(o.kind, o.about) for o in found][:3],
    }


def check_in(uow: UnitOfWork, person: Person) -> dict[str, Any]:
    history = interactions(uow, person)
    last = None
    if history:
        latest = history[0]
        last = f"{LAST.get(latest.kind, 'we were last in touch')} in {month(latest.occurred_at)}"
    return {
        "first_name": first_name(person.name),
        "last": last,
        "company": person.organization.name if person.organization else None,
    }
