"""Matching one opportunity against 100,000 profiles with the lexical ranker (BM25).

    python -m benchmarks.bench_match --profiles 100000 --queries 50

Profiles are synthetic and fixed-seed: 1 to 8 skills each from a vocabulary of 600 (a few
common, most rare), a title from 150, a company from 3,000, and a short note. Times, as
medians: building the index once, then one query — an opportunity's title, description
and skills — with its explanation for the top 10. The floor, in the same run: one pass of
numpy over a float32 vector of 100,000 scores (adding one term's worth of BM25 weights to
every profile), the least any ranking of all profiles costs.

The semantic layer is timed on stored vectors: a 100,000 × 384 float32 matrix of unit
vectors (random ones — the product costs the same whatever the values; embedding 100,000
real profiles takes minutes and happens once, when profiles change), one normalised matrix
product per query, blended with BM25 and ranked. With the extra installed, encoding the
query with the real local model is timed too.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import time

import numpy as np

from goodword.domain.matching import LexicalIndex, Profile, blend
from goodword.semantic.encoder import DIMENSIONS, available, local_encoder

AREAS = [
    "law",
    "tax",
    "data",
    "security",
    "design",
    "marketing",
    "sales",
    "finance",
    "hr",
    "cloud",
    "product",
    "research",
    "logistics",
    "health",
    "energy",
]
KINDS = [
    "employment",
    "corporate",
    "contract",
    "platform",
    "analytics",
    "brand",
    "growth",
    "infrastructure",
    "compliance",
    "audit",
    "recruiting",
    "strategy",
    "operations",
    "risk",
    "machine learning",
    "frontend",
    "backend",
    "mobile",
    "payments",
    "privacy",
]
ROLES = [
    "lawyer",
    "engineer",
    "consultant",
    "manager",
    "lead",
    "director",
    "analyst",
    "designer",
    "advisor",
    "scientist",
]
CITIES = [
    "Berlin",
    "Lisbon",
    "Paris",
    "London",
    "Madrid",
    "Vienna",
    "Munich",
    "Prague",
    "Oslo",
    "Rome",
]


def synthetic_profiles(n: int, seed: int = 11) -> list[Profile]:
    rng = random.Random(seed)
    skills = [f"{k} {a}" for k in KINDS for a in AREAS][:600]
    weights = [1 / (i + 1) ** 0.8 for i in range(len(skills))]
    titles = [
        f"{rng.choice(['Senior ', 'Principal ', 'Head of ', ''])}{k} {r}".strip()
        for k in KINDS
        for r in ROLES
    ][:150]
    return [
        Profile(
            person_id=i,
            name=f"Person {i}",
            skills=tuple(dict.fromkeys(rng.choices(skills, weights, k=rng.randint(1, 8)))),
            title=rng.choice(titles),
            company=f"Company {rng.randint(1, 3000)}",
            notes=f"Met in {rng.choice(CITIES)}; works on {rng.choice(skills)}",
        )
        for i in range(1, n + 1)
    ]


def timed_ms(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    profiles = synthetic_profiles(args.profiles)
    started = time.perf_counter()
    index = LexicalIndex(profiles)
    build_s = time.perf_counter() - started
    rng = random.Random(5)
    queries = [
        (
            f"{rng.choice(KINDS)} {rng.choice(ROLES)} in {rng.choice(CITIES)} for a "
            f"{rng.choice(AREAS)} team",
            [f"{rng.choice(KINDS)} {rng.choice(AREAS)}" for _ in range(2)],
        )
        for _ in range(args.queries)
    ]
    samples = []
    for text, skills in queries:
        started = time.perf_counter()
        found = index.search(text, skills, limit=10)
        samples.append((time.perf_counter() - started) * 1000)
        assert found, text
    scores = np.zeros(args.profiles, dtype=np.float32)
    weights = np.random.default_rng(1).random(args.profiles, dtype=np.float32)
    floors = []
    for _ in range(args.queries):
        started = time.perf_counter()
        scores += weights * 1.5 / (weights + 0.9)
        floors.append((time.perf_counter() - started) * 1000)
    vectors = np.random.default_rng(2).standard_normal(
        (args.profiles, DIMENSIONS), dtype=np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query_vectors = vectors[np.random.default_rng(3).integers(0, args.profiles, args.queries)]
    product_ms, blended_ms = [], []
    for (text, skills), q in zip(queries, query_vectors, strict=True):
        started = time.perf_counter()
        meaning = vectors @ q
        product_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        terms = index.query_terms(text, skills)
        meaning = vectors @ q
        index.rank(blend(index.scores(terms), meaning), terms, 10, similarity=meaning)
        blended_ms.append((time.perf_counter() - started) * 1000)
    encode_ms = None
    if available():
        encoder = local_encoder()
        encoder.encode(["warm up"])
        encode_ms = statistics.median(
            timed_ms(lambda t=t: encoder.encode([t])) for t, _ in queries[:20]
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(samples)
    floor = statistics.median(floors)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        "| profiles | index build s | query median ms | p90 ms | floor ms | median ÷ floor | peak MiB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
    print(
        f"| {args.profiles:,} | {build_s:.1f} | {median:.2f} | {p90:.2f} | {floor:.3f} | "
        f"{median / floor:.0f}× | {peak:.0f} |"
    )
    print()
    print("| semantic layer | median ms |")
    print("| --- | ---: |")
    print(
        f"| matrix product, {args.profiles:,} × {DIMENSIONS} float32 | {statistics.median(product_ms):.2f} |"
    )
    print(
        f"| words and meaning: BM25 + product + blend + top 10 explained | {statistics.median(blended_ms):.2f} |"
    )
    if encode_ms is not None:
        print(f"| encoding the query with the local model (CPU) | {encode_ms:.1f} |")


if __name__ == "__main__":
    main()
