"""The scoring core: transcript -> annotation -> scorecard, and batches of paths.

``score_transcript`` is a pure function: the same transcript and checklist
give the same scorecard, in any process (it is what ``svcaudit score`` runs
for each transcript, and what a Dask or multiprocessing job can call).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from svcaudit import cues, score
from svcaudit.checklist import load_checklist
from svcaudit.formats import read_file, read_transcripts
from svcaudit.match import normalise
from svcaudit.model import Annotation, Checklist, LoadError, Scorecard, Transcript
from svcaudit.prepared import Prepared, Spec
from svcaudit.rules import KINDS
from svcaudit.rules.context import Context


def annotate(transcript: Transcript) -> Annotation:
    """The cues detected in each turn of ``transcript``."""
    return Annotation(transcript, cues.annotate(transcript, cue_model(())))


def score_transcript(
    transcript: Transcript, checklist: Checklist | str = "quality-service"
) -> Scorecard:
    """Score one transcript against a checklist (a :class:`Checklist`, an id or a path)."""
    if isinstance(checklist, str):
        checklist = load_checklist(checklist)
    norms = tuple(normalise(t.text) for t in transcript.turns)
    model = cue_model(checklist.lexicon)
    ctx = Context(transcript, cues.annotate(transcript, model, norms), norms, model)
    results = [score.result(e, KINDS[e.kind].check(e, ctx)) for e in checklist.elements]
    return score.scorecard(transcript, checklist, results, ctx.hits)


_SEMANTIC: list[Any] = []  # the semantic detector, once use_semantic(True) loaded it


def use_semantic(on: bool = True) -> None:
    """Switch the optional semantic detector (``svcaudit[semantic]``) on or off for this process.

    Raises :class:`~svcaudit.errors.UsageError` when it is asked for but not installed.
    """
    if not on:
        if _SEMANTIC:
            _SEMANTIC.clear()
            cues.default_model().semantic = None
    elif not _SEMANTIC:
        from svcaudit import semantic

        _SEMANTIC.append(semantic.load())


def semantic_on() -> bool:
    return bool(_SEMANTIC)


def cue_model(lexicon: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> cues.CueModel:
    """The cue model of a checklist's lexicon, with the semantic detector if it is on."""
    model = _cue_model(lexicon)
    model.semantic = _SEMANTIC[0] if _SEMANTIC else None
    return model


@lru_cache(maxsize=16)
def _cue_model(lexicon: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> cues.CueModel:
    """The cue model with a checklist's own phrases and patterns added (built once)."""
    if not lexicon:
        return cues.default_model()
    text = resources.files("svcaudit").joinpath("lexicons/cues.yaml").read_text("utf-8")
    config = yaml.safe_load(text)
    for cue, phrases, patterns in lexicon:
        entry = config["cues"].setdefault(cue, {"speaker": cues.SPEAKER[cue].value})
        entry["phrases"] = [*entry.get("phrases", ()), *phrases]
        entry["patterns"] = [*entry.get("patterns", ()), *patterns]
    return cues.CueModel(config)


# The cyclic collector's thresholds for a batch: a transcript's scoring allocates tens of
# thousands of small objects that reference counting frees (no cycles to find), while the
# text caches hold a hundred thousand live ones; at the default first threshold (700) the
# collector ran every few turns and took about a tenth of the CPU of `score`.
BATCH_GC = (20_000, 50, 50)


def batch_gc() -> None:
    """Collect cyclic garbage less often in this process (a batch command, or a worker)."""
    import gc

    gc.set_threshold(*BATCH_GC)


def score_files(
    files: Iterable[str | LoadError],
    checklist: Checklist,
    input_format: str = "auto",
    agent: str | None = None,
    jobs: int = 1,
    on_file: Callable[[], None] | None = None,
    agent_channel: str | None = None,
    render: Spec | None = None,
) -> Iterator[Scorecard | Prepared | LoadError]:
    """Score discovered files in order; ``on_file`` is called as each file is done.

    With ``jobs`` > 1, files are scored in that many processes (:mod:`svcaudit.batch`):
    workers get paths, a bounded window of tasks is in flight, and results come back
    in the sequential order; with ``render`` as well, as :class:`Prepared` report texts.
    """
    files = iter(files)
    if jobs <= 1:
        for item in files:
            yield from score_one_file(item, checklist, input_format, agent, agent_channel)
            if on_file is not None:
                on_file()
        return
    from svcaudit import batch

    options: dict[str, Any] = {
        "input_format": input_format,
        "agent": agent,
        "agent_channel": agent_channel,
        "render": render,
    }
    if semantic_on():
        options["semantic"] = True  # each worker loads its own model
    yield from batch.score(files, checklist, options, jobs, on_file)


def score_loaded(
    loaded: Iterable[Transcript | LoadError], checklist: Checklist
) -> list[Scorecard | LoadError]:
    """Score what a reader gave: transcripts are scored, load errors pass through."""
    return [t if isinstance(t, LoadError) else score_transcript(t, checklist) for t in loaded]


def score_one_file(
    item: str | LoadError,
    checklist: Checklist,
    input_format: str,
    agent: str | None,
    agent_channel: str | None = None,
) -> list[Scorecard | LoadError]:
    """Read and score one file (or pass a discovery error through)."""
    if isinstance(item, LoadError):
        return [item]
    return score_loaded(read_file(item, input_format, agent, agent_channel), checklist)


def annotate_paths(
    paths: Iterable[str],
    input_format: str = "auto",
    agent: str | None = None,
    agent_channel: str | None = None,
) -> Iterator[Annotation | LoadError]:
    items = read_transcripts(
        paths, input_format=input_format, agent=agent, agent_channel=agent_channel
    )
    for item in items:
        yield item if isinstance(item, LoadError) else annotate(item)
