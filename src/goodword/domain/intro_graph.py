"""The introduction graph as a compressed sparse row (CSR) matrix in numpy arrays, and the hop-limited search for
the strongest chains over it.

A chain's score is the product of its link strengths (each in (0, 1]). The search walks
back from the target one layer at a time, all tails of a layer at once with numpy; a tail
is dropped as soon as even your strongest link could not lift it above the k-th best chain
already found (branch and bound), so the answer stays exact while hubs stay cheap. It is
the same answer as domain.intro_paths' definition, checked against brute force in tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Chain:
    people: tuple[int, ...]
    """Node ids from the source (first) to the target (last)."""
    score: float

    @property
    def hops(self) -> int:
        return len(self.people) - 1


class StrengthGraph:
    """Undirected links between node ids; where a pair is given twice the strongest counts."""

    def __init__(
        self,
        a: Sequence[int] | NDArray[np.int64],
        b: Sequence[int] | NDArray[np.int64],
        strength: Sequence[float] | NDArray[np.float64],
    ) -> None:
        import numpy as np

        left = np.asarray(a, dtype=np.int64)
        right = np.asarray(b, dtype=np.int64)
        weight = np.asarray(strength, dtype=np.float64)
        keep = (left != right) & (weight > 0)
        left, right, weight = left[keep], right[keep], np.minimum(weight[keep], 1.0)
        self.ids = np.unique(np.concatenate([left, right]))
        n = len(self.ids)
        rows = np.searchsorted(self.ids, np.concatenate([left, right]))
        cols = np.searchsorted(self.ids, np.concatenate([right, left]))
        both = np.concatenate([weight, weight])
        # one entry per (row, col), sorted by row then col; a pair given twice keeps its max
        key = rows * max(n, 1) + cols
        order = np.argsort(key, kind="stable")
        key, both = key[order], both[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key[:0]
        unique_key = key[starts]
        self.data = np.maximum.reduceat(both, starts) if len(key) else both
        self.indices = unique_key % max(n, 1)
        counts = np.bincount(unique_key // max(n, 1), minlength=n)
        self.indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    @classmethod
    def from_edges(cls, edges: Iterable[tuple[int, int, float]]) -> StrengthGraph:
        listed = list(edges)
        if not listed:
            return cls([], [], [])
        a, b, s = zip(*listed, strict=True)
        return cls(a, b, s)

    @property
    def edges(self) -> int:
        return len(self.indices) // 2

    def index(self, node: int) -> int | None:
        import numpy as np

        at = int(np.searchsorted(self.ids, node))
        return at if at < len(self.ids) and self.ids[at] == node else None

    def strength(self, a: int, b: int) -> float:
        import numpy as np

        i, j = self.index(a), self.index(b)
        if i is None or j is None:
            return 0.0
        start, end = self.indptr[i], self.indptr[i + 1]
        at = start + int(np.searchsorted(self.indices[start:end], j))
        return float(self.data[at]) if at < end and self.indices[at] == j else 0.0

    def _mine(self, source: int) -> NDArray[np.float64]:
        import numpy as np

        mine = np.zeros(len(self.ids), dtype=np.float64)
        i = self.index(source)
        if i is not None:
            start, end = self.indptr[i], self.indptr[i + 1]
            mine[self.indices[start:end]] = self.data[start:end]
        return mine

    def best_chains(self, source: int, target: int, hops: int = 3, k: int = 3) -> list[Chain]:
        """The ``k`` strongest simple chains of at most ``hops`` links, strongest first
        (ties: fewer hops, then smaller ids)."""
        import numpy as np

        s, t = self.index(source), self.index(target)
        if s is None or t is None or s == t or hops < 1 or k < 1:
            return []
        mine = self._mine(source)
        best_link = float(mine.max()) if len(mine) else 0.0
        tails = np.array([[t]], dtype=np.int64)  # column 0: the node nearest to you
        scores = np.ones(1, dtype=np.float64)
        found: list[tuple[float, tuple[int, ...]]] = []
        for depth in range(1, hops + 1):
            heads = tails[:, 0]
            reach = mine[heads] * scores
            done = np.flatnonzero((reach > 0) & (heads != s))
            if len(done) > k:  # the k best, and every chain tied with the k-th
                kth = np.partition(reach[done], len(done) - k)[len(done) - k]
                done = done[reach[done] >= kth]
            for row in done:
                found.append((float(reach[row]), (s, *tails[row].tolist())))
            found.sort(key=lambda f: (-f[0], len(f[1]), f[1]))
            del found[k:]
            if depth == hops:
                break
            floor = found[k - 1][0] if len(found) >= k else 0.0
            tails, scores = self._extend(tails, scores, s, best_link, floor)
            if len(tails) == 0:
                break
        ranked = sorted(
            ((score, tuple(int(self.ids[i]) for i in path)) for score, path in found),
            key=lambda f: (-f[0], len(f[1]), f[1]),
        )
        return [Chain(path, score) for score, path in ranked[:k]]

    def _extend(
        self,
        tails: NDArray[np.int64],
        scores: NDArray[np.float64],
        source: int,
        best_link: float,
        floor: float,
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        import numpy as np

        heads = tails[:, 0]
        starts, ends = self.indptr[heads], self.indptr[heads + 1]
        counts = ends - starts
        total = int(counts.sum())
        if total == 0:
            return tails[:0], scores[:0]
        owner = np.repeat(np.arange(len(tails)), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        at = np.repeat(starts, counts) + offsets
        nodes, weights = self.indices[at], self.data[at]
        new_scores = scores[owner] * weights
        keep = (nodes != source) & (new_scores * best_link > floor)
        if floor == 0.0:
            keep &= new_scores > 0
        for column in range(tails.shape[1]):
            keep &= nodes != tails[owner, column]
        owner, nodes, new_scores = owner[keep], nodes[keep], new_scores[keep]
        return np.column_stack([nodes, tails[owner]]), new_scores
