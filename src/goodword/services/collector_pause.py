"""Pausing Python's cycle collector while one use case builds a very large batch.

An import of 50,000 connections holds a few hundred thousand small tuples and dicts in
its lookups while it runs; the collector, triggered by every few hundred allocations,
walks that growing heap again and again (about 1,800 collections, a third of the time
of such an import). Those objects hold no cycles, so reference counting frees them; the
collector is paused for the batch and runs once at the end. Pauses nest and overlap
(two imports in two threads of one server): the collector comes back when the last ends,
and only if it was running before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            resume = _holders == 0 and _was_enabled
            if resume:
                gc.enable()
        if resume:
            gc.collect(1)
