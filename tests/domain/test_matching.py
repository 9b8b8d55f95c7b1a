"""BM25 matching on a small hand-written corpus where the right people are known."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.matching import LexicalIndex, Profile, normalise_skill, words

CORPUS = [
    Profile(
        1,
        "Hanna Berger",
        ("Employment law", "Litigation"),
        "Employment lawyer",
        "Berger Legal",
        notes="Based in Berlin; handled our works council dispute",
    ),
    Profile(2, "Tomas Keller", ("Tax law",), "Tax lawyer", "Keller Steuer", notes="Munich"),
    Profile(3, "Eva Lind", ("Python", "ML"), "Data scientist", "Acme Analytics"),
    Profile(
        4,
        "Omar Haddad",
        ("Kubernetes", "Go"),
        "Platform engineer",
        "Initech",
        recommendations="Omar rebuilt our k8s platform in a quarter",
    ),
    Profile(
        5,
        "Lena Park",
        ("Brand strategy",),
        "Marketing lead",
        "Globex",
        looking_for="a lawyer for her startup",
    ),
]


def names(index: LexicalIndex, text: str, skills: tuple[str, ...] = ()) -> list[str]:
    return [m.name for m in index.search(text, skills)]


def test_the_employment_lawyer_in_berlin_comes_before_the_tax_lawyer() -> None:
    found = names(LexicalIndex(CORPUS), "we need an employment lawyer in Berlin")
    assert found[:2] == ["Hanna Berger", "Tomas Keller"]


def test_a_named_skill_outranks_a_shared_word() -> None:
    found = names(LexicalIndex(CORPUS), "tax law advice")
    assert found[0] == "Tomas Keller"


def test_abbreviations_and_plurals_are_one_term() -> None:
    index = LexicalIndex(CORPUS)
    assert names(index, "machine learning")[0] == "Eva Lind"
    assert names(index, "kubernetes")[0] == "Omar Haddad"
    assert "Hanna Berger" in names(index, "lawyers")
    assert normalise_skill("  Machine-Learning ") == "machine learning"
    assert normalise_skill("K8s") == "kubernetes"


def test_every_match_says_why() -> None:
    best = LexicalIndex(CORPUS).search("employment lawyer in Berlin")[0]
    assert best.skills == ["Employment law"]
    assert "lawyer" in best.title_words and "berlin" in best.other_words
    assert "skills: Employment law" in best.why()


def test_nothing_matches_nothing_and_excluded_people_never_appear() -> None:
    index = LexicalIndex(CORPUS)
    assert index.search("underwater basket weaving") == []
    without = index.search("employment lawyer", exclude=[1])
    assert without[0].name == "Tomas Keller" and 1 not in {m.person_id for m in without}
    assert LexicalIndex([]).search("anything") == []


def test_opportunity_skills_count_even_when_the_text_does_not_name_them() -> None:
    found = names(LexicalIndex(CORPUS), "Platform team lead", ("Kubernetes",))
    assert found[0] == "Omar Haddad"


@given(st.text(max_size=200))
def test_any_text_is_a_query(text: str) -> None:
    index = LexicalIndex(CORPUS)
    results = index.search(text, limit=3)
    assert len(results) <= 3
    assert all(r.score > 0 for r in results)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert all(w == w.lower() for w in words(text))


@given(
    st.lists(
        st.sampled_from(["law", "tax", "berlin", "python", "lawyer", "data"]),
        min_size=1,
        max_size=4,
    )
)
def test_adding_a_matching_word_to_a_profile_never_lowers_its_rank_score(query: list[str]) -> None:
    text = " ".join(query)
    base = Profile(9, "Test Person", (), "Consultant")
    richer = Profile(9, "Test Person", (), "Consultant " + query[0])
    before = {m.person_id: m.score for m in LexicalIndex([*CORPUS, base]).search(text, limit=10)}
    after = {m.person_id: m.score for m in LexicalIndex([*CORPUS, richer]).search(text, limit=10)}
    assert after.get(9, 0) >= before.get(9, 0)
