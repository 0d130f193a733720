"""svcaudit: score customer-service transcripts against checklists.

The scoring core is importable without the CLI::

    from svcaudit import load_checklist, read_transcripts, score_transcript
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_checklist", "read_transcripts", "score_transcript"]


def __getattr__(name: str):  # lazy: keep `svcaudit --version` fast
    if name == "load_checklist":
        from svcaudit.checklist import load_checklist

        return load_checklist
    if name == "score_transcript":
        from svcaudit.audit import score_transcript

        return score_transcript
    if name == "read_transcripts":
        from svcaudit.formats import read_transcripts

        return read_transcripts
    raise AttributeError(name)
