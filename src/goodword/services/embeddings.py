"""Stored profile embeddings: computed when a profile's text changes, read as one matrix.

A match never embeds the whole network: only profiles whose text changed since their
vector was stored (a SHA-256 of the text decides) are encoded, in batches; the query is one
normalised matrix product over the stored float32 vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from goodword.domain.matching import Profile
from goodword.semantic.encoder import DIMENSIONS, Encoder
from goodword.storage.tables import ProfileEmbedding
from goodword.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


BATCH = 256
MAX_CHARS = 1500


def profile_text(p: Profile) -> str:
    """What the model reads about someone: their role, skills and what was said of them."""
    parts = [
        p.title,
        f"at {p.company}" if p.company else "",
        f"Skills: {', '.join(p.skills)}." if p.skills else "",
        p.recommendations,
        p.notes,
    ]
    return " ".join(part for part in parts if part).strip()[:MAX_CHARS]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def refresh_embeddings(
    uow: UnitOfWork,
    profiles: list[Profile],
    encoder: Encoder,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed the profiles whose text changed (or that have no vector yet); returns how many."""
    import numpy as np

    with uow:
        stored = {
            row.person_id: row
            for row in uow.session.scalars(
                select(ProfileEmbedding).where(
                    ProfileEmbedding.workspace_id == uow.workspace_id,
                    ProfileEmbedding.model == encoder.name,
                )
            )
        }
        texts = {p.person_id: profile_text(p) for p in profiles}
        stale = [
            pid
            for pid, text in texts.items()
            if text and (pid not in stored or stored[pid].text_hash != _hash(text))
        ]
        for start in range(0, len(stale), BATCH):
            chunk = stale[start : start + BATCH]
            vectors = encoder.encode([texts[pid] for pid in chunk])
            for pid, vector in zip(chunk, vectors, strict=True):
                row = stored.get(pid)
                data = np.asarray(vector, dtype=np.float32).tobytes()
                if row is None:
                    uow.session.add(
                        ProfileEmbedding(
                            workspace_id=uow.workspace_id,
                            person_id=pid,
                            model=encoder.name,
                            text_hash=_hash(texts[pid]),
                            vector=data,
                            updated_at=now,
                        )
                    )
                else:
                    row.text_hash, row.vector, row.updated_at = _hash(texts[pid]), data, now
            if progress:
                progress(min(start + BATCH, len(stale)), len(stale))
        uow.commit()
        return len(stale)


def embedding_matrix(uow: UnitOfWork, profiles: list[Profile], model: str) -> NDArray[np.float32]:
    """One row per profile (in the profiles' order); zeros where no vector is stored."""
    import numpy as np

    matrix = np.zeros((len(profiles), DIMENSIONS), dtype=np.float32)
    row_of = {p.person_id: i for i, p in enumerate(profiles)}
    with uow:
        for pid, data in uow.session.execute(
            select(ProfileEmbedding.person_id, ProfileEmbedding.vector).where(
                ProfileEmbedding.workspace_id == uow.workspace_id, ProfileEmbedding.model == model
            )
        ):
            if pid in row_of:
                matrix[row_of[pid]] = np.frombuffer(data, dtype=np.float32)
    return matrix


def similarities(matrix: NDArray[np.float32], query: NDArray[np.float32]) -> NDArray[np.float32]:
    """Cosine similarity of every stored profile to the query (all vectors unit length)."""
    import numpy as np

    return (matrix @ query.reshape(-1)).astype(np.float32)
