"""Warm-introduction paths: known small graphs, and brute force on random ones."""

from __future__ import annotations

import math
from itertools import pairwise, permutations

from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.intro_paths import best_paths


def undirected(edges: dict[tuple[int, int], float]) -> dict[int, dict[int, float]]:
    graph: dict[int, dict[int, float]] = {}
    for (a, b), s in edges.items():
        graph.setdefault(a, {})[b] = s
        graph.setdefault(b, {})[a] = s
    return graph


def test_the_strong_chain_beats_the_weak_shortcut() -> None:
    g = undirected({(0, 9): 0.1, (0, 1): 0.9, (1, 2): 0.9, (2, 9): 0.9})
    paths = best_paths(g, 0, 9)
    assert paths[0].people == (0, 1, 2, 9) and math.isclose(paths[0].score, 0.729)
    assert paths[1].people == (0, 9)


def test_hop_limit_no_path_and_a_target_you_know() -> None:
    g = undirected({(0, 1): 0.9, (1, 2): 0.9, (2, 3): 0.9, (3, 9): 0.9})
    assert best_paths(g, 0, 9, hops=3) == []
    assert [p.people for p in best_paths(g, 0, 9, hops=4)] == [(0, 1, 2, 3, 9)]
    assert best_paths(g, 0, 42) == []
    assert best_paths(undirected({(0, 9): 0.5}), 0, 9)[0].people == (0, 9)


def test_ties_prefer_fewer_hops_then_smaller_ids() -> None:
    g = undirected({(0, 9): 0.25, (0, 1): 0.5, (1, 9): 0.5, (0, 2): 0.5, (2, 9): 0.5})
    assert [p.people for p in best_paths(g, 0, 9)] == [(0, 9), (0, 1, 9), (0, 2, 9)]


graphs = st.dictionaries(
    st.tuples(st.integers(0, 6), st.integers(0, 6)).filter(lambda e: e[0] < e[1]),
    st.floats(0.05, 1.0),
    max_size=15,
)


@given(graphs, st.integers(1, 6), st.integers(1, 3))
def test_no_path_within_the_limit_beats_the_best(
    edges: dict[tuple[int, int], float], target: int, hops: int
) -> None:
    g = undirected(edges)
    paths = best_paths(g, 0, target, hops=hops, k=50)
    for p in paths:
        assert p.people[0] == 0 and p.people[-1] == target and p.hops <= hops
        assert len(set(p.people)) == len(p.people)
        product = math.prod(g[a][b] for a, b in pairwise(p.people))
        assert math.isclose(p.score, product)
    best = 0.0
    middle = [n for n in range(1, 7) if n != target]
    for length in range(hops):
        for inner in permutations(middle, length):
            route = (0, *inner, target)
            if all(b in g.get(a, {}) for a, b in pairwise(route)):
                best = max(best, math.prod(g[a][b] for a, b in pairwise(route)))
    assert math.isclose(paths[0].score, best) if paths else best == 0.0
