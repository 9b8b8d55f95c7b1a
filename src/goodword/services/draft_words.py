"""The small word rules every drafted message shares: a person's first name, a prospect's
short label, and the user's own text set inside a sentence without losing a name's
capital."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, or_, select

from goodword.storage.tables import Organization
from goodword.storage.unit_of_work import UnitOfWork


def short(label: str) -> str:
    """A free-text prospect like "Dee Park, Head of Data at Hooli" is called "Dee Park"."""
    return label.split(",")[0].strip() or label


def first_name(name: str) -> str:
    return name.split(",")[0].split()[0] if name.strip() else name


def _first_word(text: str) -> str:
    first = text.split()[0] if text.split() else ""
    return first.rstrip(",:;").removesuffix("'s").removesuffix("’s").lower()


def _acronym(word: str) -> bool:
    return sum(ch.isupper() for ch in word) > 1


def clause(text: str | None, names: frozenset[str] = frozenset()) -> str | None:
    """Text the user wrote as a sentence ("Data audits for …", "Needed BI dashboards"), set
    to sit inside another one. Its first word loses its capital unless it is an acronym or
    a name (``names``: lower-cased organization and people names — "Initech is too big"
    stays "Initech is too big")."""
    if not text or not text.strip():
        return None
    text = text.strip().rstrip(".")
    if _acronym(text.split()[0]) or _first_word(text) in names:
        return text
    return text[:1].lower() + text[1:]


def names_in(
    uow: UnitOfWork, texts: Iterable[str | None], people: Iterable[str | None] = ()
) -> frozenset[str]:
    """Which first words of ``texts`` are names here: an organization's first word (one
    query, for just those words), or the first name of a person the draft speaks of."""
    known = {first_name(p).lower() for p in people if p and p.strip()}
    candidates = (
        {
            _first_word(t)
            for t in texts
            if t and t.strip() and t.strip()[:1].isupper() and not _acronym(t.split()[0])
        }
        - known
        - {""}
    )
    if candidates:
        folded = func.lower(Organization.name)
        rows = uow.session.scalars(
            select(Organization.name).where(
                Organization.workspace_id == uow.workspace_id,
                or_(
                    *(
                        or_(folded == w, folded.startswith(f"{w} ", autoescape=True))
                        for w in sorted(candidates)
                    )
                ),
            )
        )
        known |= {name.split()[0].lower() for name in rows if name.split()}
    return frozenset(known)
