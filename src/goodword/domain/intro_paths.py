"""Warm introductions: the strongest chains of people from you to someone you want to
meet. A chain is as strong as the product of its links (each between 0 and 1) — the
shortest path on −log(strength) — and never longer than the hop limit.

The search itself is domain.intro_graph's (sparse matrix, exact branch and bound); this
module keeps the small dictionary form that hand-built graphs and tests use.
"""

from __future__ import annotations

from collections.abc import Mapping

from goodword.domain.intro_graph import Chain, StrengthGraph

Graph = Mapping[int, Mapping[int, float]]


def best_paths(graph: Graph, source: int, target: int, hops: int = 3, k: int = 3) -> list[Chain]:
    """The ``k`` strongest simple paths of at most ``hops`` links, strongest first
    (ties: fewer hops, then the smaller ids). ``graph`` maps each node to its neighbours."""
    strengths = StrengthGraph.from_edges(
        (a, b, s) for a, neighbours in graph.items() for b, s in neighbours.items()
    )
    return strengths.best_chains(source, target, hops, k)
