"""The scoring core: transcript -> annotation -> scorecard, and batches of paths.

``score_transcript`` is a pure function: the same transcript and checklist
give the same scorecard, in any process (it is what ``svcaudit score`` runs
for each transcript, and what a Dask or multiprocessing job can call).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from functools import lru_cache, partial
from importlib import resources
from itertools import islice
from typing import Any

import yaml

from svcaudit import cues, score
from svcaudit.checklist import load_checklist
from svcaudit.formats import discover, get_reader, read_file, read_transcripts
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
    agent_channel: str | None = None,
) -> Iterator[Scorecard | LoadError]:
    """Read and score every transcript under ``paths``, streaming; errors come as items."""
    if input_format != "auto":
        get_reader(input_format)  # an unknown format is a usage error before anything is read
    paths = list(paths)
    jobs = 1 if "-" in paths else jobs  # standard input belongs to this process
    return score_files(
        discover(paths), checklist, input_format, agent, jobs, agent_channel=agent_channel
    )


def score_files(
    files: Iterable[str | LoadError],
    checklist: Checklist,
    input_format: str = "auto",
    agent: str | None = None,
    jobs: int = 1,
    on_file: Callable[[], None] | None = None,
    agent_channel: str | None = None,
) -> Iterator[Scorecard | LoadError]:
    """Score discovered files in order; ``on_file`` is called as each file is done.

    With ``jobs`` > 1, files are scored in that many processes. Workers get
    paths, not parsed transcripts; a bounded window of files is in flight, so
    memory stays flat however many files there are, and results come back in
    the sequential order.
    """
    files = iter(files)
    if jobs <= 1:
        for item in files:
            yield from _score_file(item, checklist, input_format, agent, agent_channel)
            if on_file is not None:
                on_file()
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_worker_init) as pool:
        work = partial(
            _score_chunk,
            checklist=checklist,
            input_format=input_format,
            agent=agent,
            agent_channel=agent_channel,
        )
        try:
            for batch in _ordered(pool, work, _chunks(files, CHUNK), window=jobs * 4):
                for results in batch:
                    yield from results
                    if on_file is not None:
                        on_file()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports how far it got."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


CHUNK = 8  # files per task: enough to amortise the inter-process round trip


def _chunks(items: Iterator[str | LoadError], size: int) -> Iterator[list[str | LoadError]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _ordered(
    pool: Executor, fn: Callable[[Any], Any], items: Iterable[Any], window: int
) -> Iterator[Any]:
    """``pool.map`` in order, with at most ``window`` tasks submitted and not yet consumed."""
    pending: deque[Future[Any]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _score_chunk(
    chunk: list[str | LoadError],
    checklist: Checklist,
    input_format: str,
    agent: str | None,
    agent_channel: str | None = None,
) -> list[list[Scorecard | LoadError]]:
    return [_score_file(item, checklist, input_format, agent, agent_channel) for item in chunk]


def _score_file(
    item: str | LoadError,
    checklist: Checklist,
    input_format: str,
    agent: str | None,
    agent_channel: str | None = None,
) -> list[Scorecard | LoadError]:
    if isinstance(item, LoadError):
        return [item]
    loaded = read_file(item, input_format, agent, agent_channel)
    return [t if isinstance(t, LoadError) else score_transcript(t, checklist) for t in loaded]


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
