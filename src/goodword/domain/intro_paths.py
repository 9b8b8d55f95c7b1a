"""Warm introductions: the strongest chains of people from you to someone you want to
meet. A chain is as strong as the product of its links (each between 0 and 1) — the
shortest path on −log(strength) — and never longer than the hop limit.

The search walks back from the target (whose neighbourhood is small) and meets your own
contacts, so it costs the target's second-degree neighbourhood, not the whole graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    (ties: fewer hops, then the smaller ids)."""
    if source == target or hops < 1:
        return []
    mine = graph.get(source, {})
    found: list[IntroPath] = []
    # Walk back from the target: tails are paths ending at the target, reversed.
    tails: list[tuple[tuple[int, ...], float]] = [((target,), 1.0)]
    for _ in range(hops):
        longer: list[tuple[tuple[int, ...], float]] = []
        for tail, score in tails:
            head = tail[0]
            if head in mine and head != source:
                found.append(IntroPath((source, *tail), score * mine[head]))
            for neighbour, strength in graph.get(head, {}).items():
                if neighbour not in tail and neighbour != source and strength > 0:
                    longer.append(((neighbour, *tail), score * strength))
        tails = longer
    found.sort(key=lambda p: (-p.score, p.hops, p.people))
    return found[:k]
