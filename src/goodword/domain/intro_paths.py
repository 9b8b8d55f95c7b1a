"""Warm introductions: the strongest chains of people from you to someone you want to
meet. A chain is as strong as the product of its links (each between 0 and 1) — the
shortest path on −log(strength) — and never longer than the hop limit.

The search itself is domain.intro_graph's (sparse matrix, exact branch and bound); this
module keeps the small dictionary form that hand-built graphs and tests use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from goodword.domain.intro_graph import StrengthGraph

Graph = Mapping[int, Mapping[int, float]]


@dataclass(frozen=True)
class IntroPath:
    people: tuple[int, ...]
    """From you (first) to the target (last)."""
    score: float

    @property
    def hops(self) -> int:
        return len(self.people) - 1


def best_paths(
    graph: Graph, source: int, target: int, hops: int = 3, k: int = 3
) -> list[IntroPath]:
    """The ``k`` strongest simple paths of at most ``hops`` links, strongest first
    (ties: fewer hops, then the smaller ids). ``graph`` maps each node to its neighbours."""
    strengths = StrengthGraph.from_edges(
        (a, b, s) for a, neighbours in graph.items() for b, s in neighbours.items()
    )
    return [IntroPath(c.people, c.score) for c in strengths.best_chains(source, target, hops, k)]
