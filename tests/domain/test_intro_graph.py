"""The sparse-matrix search against brute force: the same k best chains, in the same order
of strength, with hubs and ties; and the graph's own bookkeeping."""

from __future__ import annotations

import math
from itertools import pairwise, permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from goodword.domain.intro_graph import StrengthGraph

STRENGTHS = st.sampled_from([0.1, 0.2, 0.25, 0.5, 0.8, 0.9, 1.0])
edge_sets = st.dictionaries(
    st.tuples(st.integers(0, 7), st.integers(0, 7)).filter(lambda e: e[0] < e[1]),
    STRENGTHS,
    max_size=22,
)


def brute_force(
    edges: dict[tuple[int, int], float], source: int, target: int, hops: int
) -> list[float]:
    g: dict[int, dict[int, float]] = {}
    for (a, b), s in edges.items():
        g.setdefault(a, {})[b] = s
        g.setdefault(b, {})[a] = s
    middle = [n for n in range(8) if n not in (source, target)]
    scores = []
    for length in range(hops):
        for inner in permutations(middle, length):
            route = (source, *inner, target)
            if all(b in g.get(a, {}) for a, b in pairwise(route)):
                scores.append(math.prod(g[a][b] for a, b in pairwise(route)))
    return sorted(scores, reverse=True)


@settings(max_examples=300)
@given(edge_sets, st.integers(1, 7), st.integers(1, 4), st.integers(1, 5))
def test_the_k_best_chains_are_exactly_the_brute_force_ones(
    edges: dict[tuple[int, int], float], target: int, hops: int, k: int
) -> None:
    graph = StrengthGraph([a for a, _ in edges], [b for _, b in edges], list(edges.values()))
    chains = graph.best_chains(0, target, hops, k)
    expected = brute_force(edges, 0, target, hops)[:k]
    assert [round(c.score, 9) for c in chains] == [round(s, 9) for s in expected]
    for c in chains:
        assert c.people[0] == 0 and c.people[-1] == target and len(set(c.people)) == len(c.people)
        assert c.hops <= hops
        assert math.isclose(c.score, math.prod(graph.strength(a, b) for a, b in pairwise(c.people)))


def test_a_hub_target_is_cheap_and_exact() -> None:
    # the target knows 2,000 people, each of whom knows 20 others; you know 50 of them
    rng_edges = []
    for i in range(1, 2001):
        rng_edges.append((10_000, i, 0.5 + (i % 7) / 20))
        for j in range(20):
            rng_edges.append((i, 2001 + (i * 20 + j) % 3000, 0.3))
    for i in range(50):
        rng_edges.append((0, 2001 + i * 7, 0.9))
    rng_edges.append((0, 1999, 0.1))
    graph = StrengthGraph.from_edges(rng_edges)
    chains = graph.best_chains(0, 10_000, hops=3, k=3)
    assert len(chains) == 3 and all(c.hops == 3 for c in chains)
    assert chains[0].score >= chains[1].score >= chains[2].score
    direct = graph.best_chains(0, 10_000, hops=2, k=1)
    assert direct[0].people == (0, 1999, 10_000)


def test_duplicates_keep_the_strongest_and_unknown_nodes_have_no_path() -> None:
    graph = StrengthGraph([1, 2, 1], [2, 1, 3], [0.2, 0.7, 0.0])
    assert graph.strength(1, 2) == graph.strength(2, 1) == 0.7
    assert graph.strength(1, 3) == 0.0 and graph.edges == 1
    assert graph.best_chains(1, 99) == [] and graph.best_chains(1, 1) == []
    assert StrengthGraph.from_edges([]).best_chains(0, 1) == []
