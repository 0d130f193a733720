"""The scoring core: transcript -> annotation -> scorecard, and batches of paths.

``score_transcript`` is a pure function: the same transcript and checklist
give the same scorecard, in any process (it is what ``svcaudit score`` runs
for each transcript, and what a Dask or multiprocessing job can call).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

import yaml

from svcaudit import cues, score
from svcaudit.checklist import load_checklist
from svcaudit.formats import discover, read_transcripts
from svcaudit.match import normalise
from svcaudit.model import Annotation, Checklist, LoadError, Scorecard, Transcript
from svcaudit.rules import KINDS
from svcaudit.rules.context import Context


def annotate(transcript: Transcript) -> Annotation:
    """The cues detected in each turn of ``transcript``."""
    return Annotation(transcript, cues.annotate(transcript))


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


@lru_cache(maxsize=16)
def cue_model(lexicon: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> cues.CueModel:
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


def score_paths(
    paths: Iterable[str],
    checklist: Checklist,
    input_format: str = "auto",
    agent: str | None = None,
    jobs: int = 1,
) -> Iterator[Scorecard | LoadError]:
    """Read and score every transcript under ``paths``, streaming; errors come as items.

    With ``jobs`` > 1, files are scored in that many processes; workers get
    paths, not parsed transcripts, and results keep the sequential order.
    """
    paths = list(paths)
    if jobs <= 1 or "-" in paths:
        for item in read_transcripts(paths, input_format=input_format, agent=agent):
            yield item if isinstance(item, LoadError) else score_transcript(item, checklist)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        jobs, initializer=_init, initargs=(checklist, input_format, agent)
    ) as pool:
        for batch in pool.map(_score_file, discover(paths), chunksize=16):
            yield from batch


_WORKER: dict[str, object] = {}


def _init(checklist: Checklist, input_format: str, agent: str | None) -> None:
    _WORKER.update(checklist=checklist, input_format=input_format, agent=agent)


def _score_file(path: str | LoadError) -> list[Scorecard | LoadError]:
    if isinstance(path, LoadError):
        return [path]
    checklist = _WORKER["checklist"]
    assert isinstance(checklist, Checklist)
    fmt, agent = _WORKER["input_format"], _WORKER["agent"]
    items = read_transcripts(
        [path], input_format=str(fmt), agent=agent if isinstance(agent, str) else None
    )
    return [i if isinstance(i, LoadError) else score_transcript(i, checklist) for i in items]


def annotate_paths(
    paths: Iterable[str], input_format: str = "auto", agent: str | None = None
) -> Iterator[Annotation | LoadError]:
    for item in read_transcripts(paths, input_format=input_format, agent=agent):
        yield item if isinstance(item, LoadError) else annotate(item)
