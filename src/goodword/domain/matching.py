"""Who fits a need: BM25 over people's profiles, with every score explained.

A profile has fields (skills, title, company, what they look for, notes, the
recommendations the user wrote about them); each field's words count with a weight
(BM25F-style), and each skill is also one whole term (``skill:employment law``) so that a
query naming the skill outranks one that only shares a word with it. Skill names are
normalised (case, spacing, a few common abbreviations). Scoring runs over posting arrays
with numpy, so one query over 100,000 profiles touches only the postings of its terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import log
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

K1 = 1.2
B = 0.75
#: How much a word counts, by where it appears: skills say most about expertise.
FIELD_WEIGHTS: dict[str, float] = {
    "skills": 3.0,
    "title": 2.0,
    "company": 1.0,
    "notes": 1.0,
    "recommendations": 1.5,
}
#: A whole-skill match on top of its words (the skill named exactly as the need names it).
SKILL_TERM_WEIGHT = 4.0
SKILL_ALIASES: dict[str, str] = {
    "js": "javascript",
    "ts": "typescript",
    "k8s": "kubernetes",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "ux": "user experience",
    "ui": "user interface",
    "hr": "human resources",
    "pr": "public relations",
    "seo": "search engine optimisation",
    "search engine optimization": "search engine optimisation",
    "cpa": "certified public accountant",
    "pm": "product management",
    "devops": "dev ops",
    "postgres": "postgresql",
}
STOPWORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as text
        "a an and are as at be by for from has have i in is it its of on or our that the "
        "their them they this to was we who with you your need needs needed looking want "
        "wants someone somebody person people help find good great very"
    ).split()
)
_WORD = re.compile(r"[^\W_]+(?:[+#.][^\W_]+|\+\+|#)?", re.UNICODE)


def normalise_skill(name: str) -> str:
    cleaned = " ".join(name.lower().replace("-", " ").replace("/", " ").split())
    return SKILL_ALIASES.get(cleaned, cleaned)


def _fold(word: str) -> str:
    """Plural and simple possessive folding: 'lawyers' and 'lawyer' are one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    out = []
    for raw in _WORD.findall(text.lower()):
        expanded = SKILL_ALIASES.get(raw, raw)
        for word in expanded.split():
            if word not in STOPWORDS and len(word) > 1:
                out.append(_fold(word))
    return out


def skill_terms_in(text: str, known: Iterable[str]) -> set[str]:
    """The known skills a free text names (as whole phrases), e.g. 'employment law'."""
    plain = " " + " ".join(_fold(w) for w in _WORD.findall(text.lower())) + " "
    found = set()
    for skill in known:
        folded = " ".join(_fold(w) for w in skill.split())
        if f" {folded} " in plain:
            found.add(skill)
    return found


@dataclass(frozen=True)
class Profile:
    person_id: int
    name: str
    skills: tuple[str, ...] = ()
    title: str = ""
    company: str = ""
    looking_for: str = ""
    """What they look for: not their expertise, so not searched by ``search``; offers
    match it against other people's profiles."""
    notes: str = ""
    recommendations: str = ""

    def field_words(self) -> dict[str, list[str]]:
        return {
            "skills": [w for s in self.skills for w in words(s)],
            "title": words(self.title),
            "company": words(self.company),
            "notes": words(self.notes),
            "recommendations": words(self.recommendations),
        }


@dataclass
class Match:
    person_id: int
    name: str
    score: float
    skills: list[str] = field(default_factory=list)
    title_words: list[str] = field(default_factory=list)
    other_words: list[str] = field(default_factory=list)
    similarity: float | None = None
    """Cosine similarity of meaning, when the semantic layer took part."""

    def why(self) -> str:
        parts = []
        if self.skills:
            parts.append("skills: " + ", ".join(self.skills))
        if self.title_words:
            parts.append("title: " + ", ".join(self.title_words))
        if self.other_words:
            parts.append("mentioned: " + ", ".join(self.other_words))
        if self.similarity is not None and self.similarity > 0:
            parts.append(f"close in meaning ({self.similarity:.2f})")
        return "; ".join(parts) or "related words"


class LexicalIndex:
    """BM25 over the profiles given; built once, queried many times."""

    def __init__(
        self, profiles: Sequence[Profile], weights: Mapping[str, float] = FIELD_WEIGHTS
    ) -> None:
        import numpy as np

        self.profiles = list(profiles)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        lengths = np.zeros(len(self.profiles), dtype=np.float32)
        skills: set[str] = set()
        for doc, profile in enumerate(self.profiles):
            counts: dict[str, float] = defaultdict(float)
            for name, found in profile.field_words().items():
                for word in found:
                    counts[word] += weights[name]
            for skill in {normalise_skill(s) for s in profile.skills if s.strip()}:
                counts["skill:" + skill] += SKILL_TERM_WEIGHT
                skills.add(skill)
            lengths[doc] = sum(counts.values())
            for term, tf in counts.items():
                postings[term][doc] = tf
        self.known_skills = skills
        self._doc_of = {profile.person_id: doc for doc, profile in enumerate(self.profiles)}
        average = float(lengths.mean()) if len(lengths) else 1.0
        self._norm = (K1 * (1 - B + B * lengths / max(average, 1e-9))).astype(np.float32)
        n = len(self.profiles)
        self._postings: dict[str, tuple[NDArray[np.int32], NDArray[np.float32], float]] = {}
        for term, docs in postings.items():
            idf = log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            self._postings[term] = (
                np.fromiter(docs.keys(), dtype=np.int32, count=len(docs)),
                np.fromiter(docs.values(), dtype=np.float32, count=len(docs)),
                idf,
            )

    def query_terms(self, text: str, skills: Iterable[str] = ()) -> list[str]:
        named = {normalise_skill(s) for s in skills if s.strip()}
        named |= skill_terms_in(text, self.known_skills)
        terms = words(text) + [w for s in named for w in words(s)]
        return list(dict.fromkeys(terms)) + ["skill:" + s for s in sorted(named)]

    def scores(self, terms: Sequence[str]) -> NDArray[np.float32]:
        import numpy as np

        total = np.zeros(len(self.profiles), dtype=np.float32)
        for term in terms:
            found = self._postings.get(term)
            if found is None:
                continue
            docs, tf, idf = found
            total[docs] += idf * tf * (K1 + 1) / (tf + self._norm[docs])
        return total

    def search(
        self, text: str, skills: Iterable[str] = (), limit: int = 10, exclude: Iterable[int] = ()
    ) -> list[Match]:
        terms = self.query_terms(text, skills)
        return self.rank(self.scores(terms), terms, limit, exclude)

    def rank(
        self,
        total: NDArray[np.float32],
        terms: Sequence[str],
        limit: int = 10,
        exclude: Iterable[int] = (),
        similarity: NDArray[np.float32] | None = None,
    ) -> list[Match]:
        """The best ``limit`` profiles by ``total`` (aligned with the profiles), explained."""
        import numpy as np

        total = total.copy()
        for person_id in exclude:
            if person_id in self._doc_of:
                total[self._doc_of[person_id]] = 0
        candidates = np.flatnonzero(total > 0)
        if len(candidates) > limit:
            top = np.argpartition(-total[candidates], limit - 1)[:limit]
            candidates = candidates[top]
        ranked = sorted(
            candidates.tolist(), key=lambda d: (-float(total[d]), self.profiles[d].name)
        )
        found = [self._explain(d, float(total[d]), terms) for d in ranked]
        if similarity is not None:
            for match, doc in zip(found, ranked, strict=True):
                match.similarity = round(float(similarity[doc]), 3)
        return found

    def _explain(self, doc: int, score: float, terms: Sequence[str]) -> Match:
        profile = self.profiles[doc]
        wanted = set(terms)
        fields = profile.field_words()
        matched_skills = [s for s in profile.skills if "skill:" + normalise_skill(s) in wanted]
        matched_skills += [
            s for s in profile.skills if s not in matched_skills and wanted & set(words(s))
        ]
        title = [w for w in dict.fromkeys(fields["title"]) if w in wanted]
        seen = {w for s in matched_skills for w in words(s)} | set(title)
        other = [
            w
            for name in ("company", "notes", "recommendations")
            for w in dict.fromkeys(fields[name])
            if w in wanted and w not in seen
        ]
        return Match(
            person_id=profile.person_id,
            name=profile.name,
            score=round(score, 3),
            skills=matched_skills,
            title_words=title,
            other_words=list(dict.fromkeys(other)),
        )


#: How much meaning counts against words when both layers rank (semantic extra installed).
SEMANTIC_WEIGHT = 0.5
#: Cosine similarity below this is noise for short profiles (with all-MiniLM-L6-v2,
#: unrelated professions score 0.1–0.3; "lawyer" and "attorney" about 0.45).
SIMILARITY_FLOOR = 0.3


def blend(
    lexical: NDArray[np.float32], similarity: NDArray[np.float32], weight: float = SEMANTIC_WEIGHT
) -> NDArray[np.float32]:
    """One score from both layers: BM25 scaled to [0, 1] by the best score, and cosine
    similarity above the noise floor scaled to [0, 1], mixed ``1 - weight`` to ``weight``."""
    import numpy as np

    top = float(lexical.max()) if len(lexical) else 0.0
    words_part = lexical / top if top > 0 else lexical
    meaning = np.clip((similarity - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR), 0.0, 1.0)
    mixed: NDArray[np.float32] = ((1 - weight) * words_part + weight * meaning).astype(np.float32)
    return mixed
