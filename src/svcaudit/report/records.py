"""Model objects -> plain dicts in the key order of CONTRACT.md.

Shared by every machine-readable reporter (json, jsonl, csv, junit), so that the
contract's field names and rounding live in one place.
"""

from __future__ import annotations

from typing import Any

from svcaudit.model import (
    Annotation,
    Checklist,
    CueHit,
    ElementResult,
    Evidence,
    LoadError,
    Scorecard,
    Transcript,
    Turn,
)
from svcaudit.report.summary import AgentStats, Low, Summary

__all__ = [
    "EVIDENCE_TEXT", "SCHEMA_VERSION", "annotation_record", "checklist_record", "element_record",
    "error_record", "evidence_record", "scorecard_record", "summary_record", "transcript_record",
    "truncate",
]  # fmt: skip

SCHEMA_VERSION = 1
EVIDENCE_TEXT = 200  # characters of turn text kept in an evidence item, "…" included

Record = dict[str, Any]


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else float(round(value, digits))


def transcript_record(transcript: Transcript) -> Record:
    return {
        "id": transcript.id,
        "path": transcript.path,
        "format": transcript.format,
        "agent": transcript.agent,
        "turns": len(transcript.turns),
    }


def evidence_record(evidence: Evidence) -> Record:
    return {
        "turn": evidence.turn,
        "speaker": evidence.speaker.value,
        "text": truncate(evidence.text, EVIDENCE_TEXT),
        "cue": evidence.cue,
        "phrase": evidence.phrase,
        "similarity": _round(evidence.similarity, 1),
        "start": evidence.start,
    }


def element_record(result: ElementResult) -> Record:
    element, outcome = result.element, result.outcome
    return {
        "id": element.id,
        "title": element.title,
        "verdict": outcome.verdict.value,
        "points": _round(result.points, 2),
        "max_points": _round(result.max_points, 2),
        "weight": float(element.weight),
        "critical": element.critical,
        "reason": outcome.reason,
        "evidence": [evidence_record(e) for e in outcome.evidence],
    }


def scorecard_record(card: Scorecard) -> Record:
    """CONTRACT's SCORECARD."""
    return {
        "transcript": transcript_record(card.transcript),
        "checklist": card.checklist_id,
        "score": _round(card.score, 1),
        "passed": card.passed,
        "critical_failed": card.critical_failed,
        "elements": [element_record(r) for r in card.results],
    }


def checklist_record(checklist: Checklist) -> Record:
    return {"id": checklist.id, "title": checklist.title, "version": checklist.version}


def error_record(err: LoadError) -> Record:
    record: Record = {"path": err.path, "message": err.message}
    if err.line is not None:
        record["line"] = err.line
    return record


def _agent_record(stats: AgentStats) -> Record:
    return {
        "transcripts": stats.transcripts,
        "mean_score": stats.mean_score,
        "pass_rate": stats.pass_rate,
        "weakest": stats.weakest,
    }


def _low_record(low: Low) -> Record:
    return {"id": low.id, "path": low.path, "score": low.score, "worst": low.worst}


def summary_record(summary: Summary) -> Record:
    """The envelope's ``summary``: the contract's keys first, in order, then the batch extras."""
    return {
        "transcripts": summary.transcripts,
        "passed": summary.passed,
        "failed": summary.failed,
        "errors": summary.errors,
        "mean_score": summary.mean_score,
        "elements": {key: dict(counts) for key, counts in summary.elements.items()},
        "distribution": dict(summary.distribution),
        "pass_rate": dict(summary.pass_rate),
        "agents": {name: _agent_record(stats) for name, stats in summary.agents.items()},
        "lowest": [_low_record(low) for low in summary.lowest],
    }


def _cue_record(hit: CueHit) -> Record:
    return {"cue": hit.cue, "phrase": hit.phrase, "similarity": _round(hit.similarity, 1)}


def _turn_record(turn: Turn, hits: tuple[CueHit, ...]) -> Record:
    return {
        "turn": turn.index,
        "speaker": turn.role.value,
        "name": turn.name,
        "text": turn.text,
        "start": turn.start,
        "cues": [_cue_record(h) for h in hits],
    }


def annotation_record(annotation: Annotation) -> Record:
    """CONTRACT's ``annotate -f json`` object."""
    cues = annotation.cues
    turns = annotation.transcript.turns
    return {
        "schema_version": SCHEMA_VERSION,
        "transcript": transcript_record(annotation.transcript),
        "turns": [_turn_record(t, cues[i] if i < len(cues) else ()) for i, t in enumerate(turns)],
    }
