"""Warm introductions on a network of 100,000 people and 1,000,000 knows-edges.

    python -m benchmarks.bench_intro            # builds the network on first run
    python -m benchmarks.bench_intro --queries 50 --networkx 3

Times, as medians: loading the graph from SQLite (the service's own queries and the sparse
matrix built from them), one query (3 hops, top 3 chains, `StrengthGraph.best_chains`), and
the same query with NetworkX on the same edges — Yen's k-shortest simple paths on
−log(strength), stopping at the third path of at most 3 hops, and a hop-limited
enumeration (`all_simple_paths` with a cutoff, walking from the target). Floors measured in
the same run: fetching the rows with raw sqlite3, and gathering the target's two-hop
neighbourhood from the matrix. Peak memory is the process's maximum resident set.
"""

from __future__ import annotations

import argparse
import math
import platform
import resource
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np

from benchmarks.bench_today import DATA, network
from benchmarks.synthetic_network import NOW
from goodword.domain.intro_graph import StrengthGraph
from goodword.services.intros import YOU, network_edges
from goodword.storage.engine import make_engine
from goodword.storage.migrate import ensure_current
from goodword.storage.unit_of_work import UnitOfWork

SEED = 7


def intro_network(people: int, edges: int) -> Path:
    path = DATA / f"intro-{people}-{edges}.db"
    if path.exists():
        return path
    base = network(people)
    ensure_current(base)
    base.dispose()
    shutil.copy(DATA / f"network-{people}.db", path)
    print(f"adding {edges:,} knows-edges to {path} …", flush=True)
    connection = sqlite3.connect(path)
    ids = np.array([r[0] for r in connection.execute("SELECT id FROM people ORDER BY id")])
    rng = np.random.default_rng(SEED)
    # a few people know many, most know a few: endpoints drawn with Zipf-like weights
    weights = 1 / np.arange(1, len(ids) + 1) ** 0.6
    weights /= weights.sum()
    order = rng.permutation(len(ids))
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < edges:
        a = ids[order[rng.choice(len(ids), size=edges, p=weights)]]
        b = ids[rng.integers(0, len(ids), size=edges)]
        for x, y in zip(a.tolist(), b.tolist(), strict=True):
            if x != y:
                chosen.add((min(x, y), max(x, y)))
                if len(chosen) == edges:
                    break
    strength = np.clip(rng.beta(2, 3, size=edges), 0.05, 1.0)
    at = NOW.replace(tzinfo=None).isoformat(sep=" ")
    rows = [(1, a, b, float(s), at) for (a, b), s in zip(sorted(chosen), strength, strict=True)]
    connection.executemany(
        "INSERT INTO knows (workspace_id, person_a_id, person_b_id, strength, recorded_at) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()
    connection.close()
    return path


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def nx_yen(g: nx.Graph, target: int, hops: int, k: int) -> list[float]:
    found = []
    for path in nx.shortest_simple_paths(g, YOU, target, weight="cost"):
        if len(path) - 1 <= hops:
            found.append(math.prod(g[a][b]["strength"] for a, b in pairwise(path)))
            if len(found) == k:
                break
    return found


def nx_enumerate(g: nx.Graph, target: int, hops: int, k: int) -> list[float]:
    scores = [
        math.prod(g[a][b]["strength"] for a, b in pairwise(path))
        for path in nx.all_simple_paths(g, target, YOU, cutoff=hops)
    ]
    return sorted(scores, reverse=True)[:k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--networkx", type=int, default=3, help="queries for NetworkX (slow)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = intro_network(args.people, args.edges)
    engine = make_engine(f"sqlite:///{path}")
    uow = UnitOfWork(engine, 1)

    def load() -> StrengthGraph:
        with uow:
            return network_edges(uow, NOW).graph()

    graph = load()
    load_ms = timed(load, args.repeat)
    raw = sqlite3.connect(path)
    floor_load = timed(
        lambda: (
            raw.execute("SELECT person_a_id, person_b_id, strength FROM knows").fetchall(),
            raw.execute("SELECT id, last_interaction_at FROM people").fetchall(),
        ),
        args.repeat,
    )
    rng = np.random.default_rng(SEED + 1)
    people = graph.ids[graph.ids != YOU]
    targets = [int(t) for t in rng.choice(people, size=args.queries, replace=False)]
    query_ms = [timed(lambda t=t: graph.best_chains(YOU, t, 3, 3), 1)[0] for t in targets]

    def two_hop(t: int) -> None:
        i = graph.index(t)
        assert i is not None
        first = graph.indices[graph.indptr[i] : graph.indptr[i + 1]]
        np.concatenate(
            [graph.indices[graph.indptr[j] : graph.indptr[j + 1]] for j in first] or [first]
        )

    floor_query = [timed(lambda t=t: two_hop(t), 1)[0] for t in targets]
    started = time.perf_counter()
    a, b, s = [], [], []
    for i in range(len(graph.ids)):
        for at in range(graph.indptr[i], graph.indptr[i + 1]):
            j = graph.indices[at]
            if i < j:
                a.append(int(graph.ids[i]))
                b.append(int(graph.ids[j]))
                s.append(float(graph.data[at]))
    g = nx.Graph()
    g.add_edges_from(
        (x, y, {"strength": w, "cost": -math.log(w)}) for x, y, w in zip(a, b, s, strict=True)
    )
    nx_build_ms = (time.perf_counter() - started) * 1000
    nx_targets = targets[: args.networkx]
    yen_ms, enum_ms = [], []
    for t in nx_targets:
        ours = [c.score for c in graph.best_chains(YOU, t, 3, 3)]
        started = time.perf_counter()
        theirs = nx_enumerate(g, t, 3, 3)
        enum_ms.append((time.perf_counter() - started) * 1000)
        assert np.allclose(ours, theirs), (t, ours, theirs)
        started = time.perf_counter()
        yen = nx_yen(g, t, 3, 3)
        yen_ms.append((time.perf_counter() - started) * 1000)
        assert np.allclose(ours, yen), (t, ours, yen)
    ours_nx = [timed(lambda t=t: graph.best_chains(YOU, t, 3, 3), 1)[0] for t in nx_targets]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    med = statistics.median
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    print(f"graph: {len(graph.ids):,} nodes, {graph.edges:,} edges (knows + you + referrals)")
    print("| what | median ms | floor ms |")
    print("| --- | ---: | ---: |")
    print(
        f"| load the graph (SQL + sparse matrix) | {med(load_ms):.0f} | {med(floor_load):.0f} (rows fetched) |"
    )
    print(
        f"| one query, 3 hops, top 3 ({args.queries} targets) | {med(query_ms):.2f} | "
        f"{med(floor_query):.2f} (2-hop gather) |"
    )
    print(f"| NetworkX graph build | {nx_build_ms:.0f} | |")
    print(
        f"| NetworkX all_simple_paths, cutoff 3 ({len(nx_targets)} targets) | {med(enum_ms):.1f} | "
        f"ours on the same targets {med(ours_nx):.2f} → {med(enum_ms) / med(ours_nx):.0f}× |"
    )
    print(
        f"| NetworkX shortest_simple_paths (Yen) | {med(yen_ms):.0f} | "
        f"→ {med(yen_ms) / med(ours_nx):.0f}× |"
    )
    print(f"peak memory: {peak_mib:.0f} MiB")
    raw.close()
    engine.dispose()


if __name__ == "__main__":
    main()
