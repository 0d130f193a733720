"""Scoring in several processes: tasks of files or of file ranges, in a bounded ordered window.

Work is cut into tasks by size, not by count: small files go in groups (at most
8 files or 256 KB a task), and a JSONL file over 512 KB is split into ranges
of whole lines, so that one 100,000-line export keeps both cores busy. Workers
get paths and byte offsets, never parsed objects. At most ``4 * jobs`` tasks
are in flight and results are yielded in the sequential order, so memory stays
flat and the output is the same as with one process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from svcaudit.formats import jsonl, read_jsonl_range
from svcaudit.model import Checklist, LoadError, Scorecard
from svcaudit.prepared import Prepared, Spec, prepare

CHUNK_FILES = 8
CHUNK_BYTES = 256 * 1024
RANGE_BYTES = 512 * 1024

# ("files", [path or LoadError, ...]) or ("range", path, start, end, first_line, last)
Task = tuple[Any, ...]
Result = tuple[list[Scorecard | Prepared | LoadError], int]  # the items, the files it finished


def score(
    files: Iterable[str | LoadError],
    checklist: Checklist,
    options: dict[str, Any],
    jobs: int,
    on_file: Callable[[], None] | None,
) -> Iterator[Scorecard | Prepared | LoadError]:
    """Score ``files`` in ``jobs`` processes; ``options``: input_format, agent, agent_channel
    and render (a `Spec`: workers send `Prepared` texts instead of scorecards)."""
    splittable = options["input_format"] in ("auto", "jsonl")
    setup = (checklist, options)  # sent once to each worker, not with every task
    with ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=setup) as pool:
        try:
            for items, done in _ordered(pool, _run, tasks(files, splittable), jobs * 4):
                yield from items
                for _ in range(done if on_file is not None else 0):
                    on_file()  # type: ignore[misc]
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


_SETUP: dict[str, Any] = {}  # in each worker: the checklist and reading options


def _worker_init(checklist: Checklist, options: dict[str, Any]) -> None:
    """Keep the batch's checklist and options; leave Ctrl-C to the parent, which stops the
    pool and reports how far it got."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from svcaudit import audit

    audit.batch_gc()  # as in the parent (a worker started by fork inherits it; spawn does not)
    options = dict(options)
    if options.pop("semantic", False):
        audit.use_semantic(True)
    _SETUP.update(options, checklist=checklist)


def _run(task: Task) -> Result:
    return run_task(task, **_SETUP)


def _size(item: str | LoadError) -> int:
    try:
        return os.path.getsize(item) if isinstance(item, str) else 0
    except OSError:
        return 0  # the worker reports it


def tasks(files: Iterable[str | LoadError], splittable: bool = True) -> Iterator[Task]:
    """Files grouped into tasks by count and size; large JSONL files split into ranges."""
    batch: list[str | LoadError] = []
    size = 0
    for item in files:
        big = isinstance(item, str) and splittable and item.endswith(jsonl.SUFFIXES)
        if big and _size(item) > RANGE_BYTES:
            if batch:
                yield ("files", batch)
                batch, size = [], 0
            yield from ranges(str(item), RANGE_BYTES)
            continue
        batch.append(item)
        size += _size(item)
        if len(batch) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield ("files", batch)
            batch, size = [], 0
    if batch:
        yield ("files", batch)


def ranges(path: str, step: int = RANGE_BYTES) -> Iterator[Task]:
    """Ranges of whole lines of about ``step`` bytes, with the line number each starts at."""
    total = os.path.getsize(path)
    with open(path, "rb") as file:
        start, line = 0, 1
        while start < total:
            file.seek(min(start + step, total))
            if file.tell() < total:
                file.readline()  # to the end of the line
            end = file.tell()
            file.seek(start)
            lines = file.read(end - start).count(b"\n")
            yield ("range", path, start, end, line, end >= total)
            start, line = end, line + lines


def run_task(
    task: Task,
    checklist: Checklist,
    input_format: str,
    agent: str | None,
    agent_channel: Any,
    render: Spec | None = None,
) -> Result:
    """What a worker does with one task; with ``render``, scorecards go back as `Prepared`."""
    from svcaudit.audit import score_loaded, score_one_file

    items: list[Scorecard | Prepared | LoadError]
    if task[0] == "range":
        _, path, start, end, first_line, last = task
        loaded = read_jsonl_range(path, start, end, first_line, agent, agent_channel)
        items, done = [*score_loaded(loaded, checklist)], int(last)
    else:
        items = [
            r
            for item in task[1]
            for r in score_one_file(item, checklist, input_format, agent, agent_channel)
        ]
        done = len(task[1])
    if render is not None:
        items = [prepare(r, render) if isinstance(r, Scorecard) else r for r in items]
    return items, done


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
