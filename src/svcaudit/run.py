"""What each command does, without click: the CLI parses options and calls these.

Reports go to the streams given; diagnostics go through ``warn`` (standard
error). Each function returns the command's exit code.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from svcaudit.errors import ChecklistError, ExitCode, UsageError
from svcaudit.model import LoadError, Transcript
from svcaudit.prepared import Prepared, renderable

Warn = Callable[[str], None]


def _targets(outputs: Iterable[str], known: Iterable[str]) -> list[tuple[str, str]]:
    """``FORMAT:PATH`` options -> (format, path) pairs."""
    known = list(known)
    out: list[tuple[str, str]] = []
    for spec in outputs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path:
            raise UsageError(f"--output '{spec}': expected FORMAT:PATH, e.g. json:report.json")
        if fmt not in known:
            from svcaudit.checklist import suggest

            raise UsageError(f"--output '{spec}': unknown format '{fmt}'{suggest(fmt, known)}")
        out.append((fmt, path))
    return out


@contextmanager
def _atomic(path: str) -> Iterator[TextIO]:
    """Write to a temporary file beside ``path``; move it into place only on success."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"cannot create the folder for {path}: {err.strerror}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _warnings(item: Transcript, warn: Warn) -> None:
    for line in item.warnings:
        warn(f"{item.path}: warning: {line}")


def score(
    paths: Iterable[str],
    checklist_ref: str,
    fmt: str,
    outputs: Iterable[str],
    input_format: str,
    agent: str | None,
    fail_under: float | None,
    jobs: int,
    warn: Warn,
    redact: bool | None = None,
    agent_channel: str | None = None,
    semantic: bool = False,
) -> ExitCode:
    from svcaudit import audit
    from svcaudit.checklist import load_checklist
    from svcaudit.formats import check_channel, discover
    from svcaudit.report import REPORTERS, SummaryBuilder

    audit.batch_gc()
    audit.use_semantic(semantic)
    checklist = load_checklist(checklist_ref)
    if fail_under is not None:
        checklist = dataclasses.replace(checklist, pass_mark=fail_under)
    targets = _targets(outputs, REPORTERS)
    _check_readable_format(input_format)
    check_channel(agent_channel)
    paths = list(paths)
    files = list(discover(paths))
    jobs = 1 if "-" in paths else jobs
    summary = SummaryBuilder(checklist)
    done = [0]
    try:
        with _open_all(targets) as opened, _progress(len(files), warn) as (advance, warn):
            writers = [(REPORTERS[fmt].Writer(sys.stdout, checklist), _masks(fmt, redact))]
            writers += [
                (REPORTERS[f].Writer(out, checklist, color=False), _masks(f, redact))
                for f, out in opened
            ]
            on_file = _counting(done, advance)
            scored = audit.score_files(
                files, checklist, input_format, agent, jobs, on_file, agent_channel,
                _render_spec([fmt, *(f for f, _ in targets)], redact, jobs),
            )  # fmt: skip
            for item in scored:
                _emit(item, writers, summary, warn)
            built = summary.build()
            for w, _ in writers:
                w.close(built)
    except KeyboardInterrupt:
        kept = "; no report file was written" if targets else ""
        warn(f"interrupted after {done[0]} of {len(files)} files{kept}")
        raise
    if built.errors or not built.transcripts:
        if not built.transcripts and not built.errors:
            warn("error: no transcripts found")
        return ExitCode.INPUT
    return ExitCode.FAILED if built.failed else ExitCode.OK


def _counting(done: list[int], advance: Callable[[], None] | None) -> Callable[[], None]:
    def on_file() -> None:
        done[0] += 1
        if advance is not None:
            advance()

    return on_file


# formats that leave the machine in CI: personal data is masked unless --no-redact
REDACTED_BY_DEFAULT = frozenset({"junit", "github", "markdown"})


def _masks(fmt: str, redact: bool | None) -> bool:
    return fmt in REDACTED_BY_DEFAULT if redact is None else redact


def _render_spec(formats: list[str], redact: bool | None, jobs: int) -> Any:
    """With several processes, and only reports a worker can render, the workers render them."""
    if jobs <= 1 or not renderable(formats):
        return None
    return tuple((f, _masks(f, redact)) for f in formats)


def _emit(item: Any, writers: list[tuple[Any, bool]], summary: Any, warn: Warn) -> None:
    """One scorecard or load error to every writer (masked for those that mask) and the summary."""
    if isinstance(item, LoadError):
        warn(str(item))
        summary.add_error(item)
        for w, _ in writers:
            w.error(item)
        return
    if isinstance(item, Prepared):  # the scorecard, rendered by a worker process
        for line in item.warnings:
            warn(f"{item.path}: warning: {line}")
        summary.add_facts(item.facts)
        for (w, _), text in zip(writers, item.texts, strict=True):
            w.prepared(text)
        return
    _warnings(item.transcript, warn)
    summary.add(item)
    masked = None
    for w, masks in writers:
        if masks and masked is None:
            from svcaudit import redact

            masked = redact.scorecard(item)
        w.scorecard(masked if masks else item)


def _is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def _progress(total: int, warn: Warn) -> Iterator[tuple[Callable[[], None] | None, Warn]]:
    """A progress bar on standard error when it is a terminal (and there is a batch)."""
    if total < 2 or not _is_terminal():
        yield None, warn
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    columns = (TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # stdout carries the report: the bar must not capture it (rich redirects it by default)
    with Progress(
        *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
    ) as bar:
        task = bar.add_task("scoring", total=total)
        yield (
            (lambda: bar.advance(task)),
            (lambda line: console.print(line, highlight=False, markup=False)),
        )


@contextmanager
def _open_all(targets: list[tuple[str, str]]) -> Iterator[list[tuple[str, TextIO]]]:
    """Open every ``-o`` file atomically; all are committed together at the end."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield [(fmt, stack.enter_context(_atomic(path))) for fmt, path in targets]


def _check_readable_format(input_format: str) -> None:
    if input_format != "auto":
        from svcaudit.formats import get_reader

        get_reader(input_format)


def annotate(
    paths: Iterable[str],
    fmt: str,
    outputs: Iterable[str],
    input_format: str,
    agent: str | None,
    warn: Warn,
    redact: bool = False,
    agent_channel: str | None = None,
    semantic: bool = False,
) -> ExitCode:
    """Each transcript with its cues; streamed unless a single json object or -o files need all."""
    from svcaudit import audit
    from svcaudit.report import ANNOTATORS

    audit.batch_gc()
    audit.use_semantic(semantic)
    targets = _targets(outputs, ANNOTATORS)
    _check_readable_format(input_format)
    counts = {"found": 0, "errors": 0}
    items = _annotations(paths, input_format, agent, agent_channel, redact, warn, counts)
    if fmt == "json" or targets:
        found = list(items)
        if fmt == "json" and len(found) > 1:
            raise UsageError(f"-f json writes one transcript; {len(found)} found (use -f jsonl)")
        ANNOTATORS[fmt].write(found, sys.stdout)
        with _open_all(targets) as files:
            for f, out in files:
                ANNOTATORS[f].write(found, out, color=False)
    else:
        ANNOTATORS[fmt].write(items, sys.stdout)  # one transcript at a time: memory stays flat
    return ExitCode.INPUT if counts["errors"] or not counts["found"] else ExitCode.OK


def _annotations(
    paths: Iterable[str],
    input_format: str,
    agent: str | None,
    agent_channel: str | None,
    redact: bool,
    warn: Warn,
    counts: dict[str, int],
) -> Iterator[Any]:
    from svcaudit import audit

    for item in audit.annotate_paths(paths, input_format, agent, agent_channel):
        if isinstance(item, LoadError):
            warn(str(item))
            counts["errors"] += 1
            continue
        _warnings(item.transcript, warn)
        if redact:
            from svcaudit import redact as masking

            item = dataclasses.replace(item, transcript=masking.transcript(item.transcript))
        counts["found"] += 1
        yield item


def convert(
    paths: Iterable[str],
    input_format: str,
    agent: str | None,
    output: str,
    warn: Warn,
    agent_channel: str | None = None,
) -> ExitCode:
    from svcaudit.formats import read_transcripts
    from svcaudit.formats.canonical import to_obj

    _check_readable_format(input_format)
    errors = written = 0
    with _atomic(output) if output != "-" else _stdout() as out:
        items = read_transcripts(
            paths, input_format=input_format, agent=agent, agent_channel=agent_channel
        )
        for item in items:
            if isinstance(item, LoadError):
                warn(str(item))
                errors += 1
                continue
            _warnings(item, warn)
            out.write(json.dumps(to_obj(item), ensure_ascii=False) + "\n")
            written += 1
    return ExitCode.INPUT if errors or not written else ExitCode.OK


@contextmanager
def _stdout() -> Iterator[TextIO]:
    yield sys.stdout


def list_checklists(out: TextIO) -> None:
    from svcaudit.checklist import builtin_ids, load_checklist

    rows = [("ID", "TITLE", "SOURCE", "ELEMENTS")]
    for cid in builtin_ids():
        c = load_checklist(cid)
        rows.append((c.id, c.title, c.source, str(len(c.elements))))
    _columns(rows, out)


def _columns(rows: list[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip() + "\n"
        )


def show_checklist(ref: str, out: TextIO) -> None:
    from svcaudit.checklist import load_checklist

    c = load_checklist(ref)
    out.write(
        f"{c.id} (version {c.version}): {c.title}\nsource: {c.source}\npass mark: {c.pass_mark:g}\n"
    )
    if c.description:
        out.write(f"{c.description}\n")
    for e in c.elements:
        crit = ", critical" if e.critical else ""
        out.write(f"\n{e.id}: {e.title}\n  kind: {e.kind}, weight {e.weight:g}{crit}\n")
        out.write(f"  rule: {_params(e.params)}\n")
        if e.quote:
            out.write(f'  from {e.source}: "{e.quote}"\n')


def _params(params: Any) -> str:
    data = dataclasses.asdict(params)
    return json.dumps(
        {k: v for k, v in data.items() if v not in ((), "", None, 0)}, ensure_ascii=False
    )


def validate_checklists(files: Iterable[str], warn: Warn) -> int:
    from svcaudit.checklist import load_checklist

    bad = 0
    for name in files:
        try:
            c = load_checklist(name)
        except ChecklistError as err:
            warn(str(err))
            bad += 1
        else:
            print(f"{name}: ok ({c.id}, {len(c.elements)} elements)")
    return bad


def explain(element_id: str, checklist_ref: str, out: TextIO) -> None:
    from svcaudit.checklist import load_checklist, suggest

    c = load_checklist(checklist_ref)
    by_id = {e.id: e for e in c.elements}
    if element_id not in by_id:
        hint = suggest(element_id, by_id)
        raise UsageError(f"checklist '{c.id}' has no element '{element_id}'{hint}")
    e = by_id[element_id]
    out.write(f"{e.title} ({e.id}, checklist {c.id})\n\n")
    for label, text in (
        ("What it checks", e.description),
        ("Guidance", e.guidance),
        ("A better response", e.better),
    ):
        if text:
            out.write(f"{label}:\n  {text}\n\n")
    if e.quote:
        out.write(f'Source, {e.source}:\n  "{e.quote}"\n')


def list_formats(out: TextIO) -> None:
    from svcaudit.formats import READERS

    rows = [("NAME", "SUFFIXES", "DESCRIPTION")]
    for name, mod in READERS.items():
        doc = (mod.__doc__ or "").strip().splitlines()[0] if mod.__doc__ else ""
        rows.append((name, " ".join(getattr(mod, "SUFFIXES", ())), doc))
    _columns(rows, out)


def list_rules(kind: str | None, out: TextIO) -> None:
    from svcaudit.checklist import suggest
    from svcaudit.rules import KINDS

    if kind is None:
        rows = [("KIND", "KEYS", "WHAT")]
        for name, mod in KINDS.items():
            keys = ", ".join(f.name for f in dataclasses.fields(mod.Params))
            rows.append((name, keys, (mod.__doc__ or "").strip().splitlines()[0]))
        _columns(rows, out)
        return
    if kind not in KINDS:
        raise UsageError(f"unknown rule kind '{kind}'{suggest(kind, KINDS)}")
    out.write((KINDS[kind].__doc__ or "").strip() + "\n")


def calibrate(
    human_csv: str,
    paths: Iterable[str],
    checklist_ref: str,
    fmt: str,
    input_format: str,
    agent: str | None,
    top: int,
    warn: Warn,
    agent_channel: str | None = None,
) -> ExitCode:
    """An analyst's verdicts against svcaudit's: a report, so 0 unless input failed (3)."""
    from svcaudit import audit
    from svcaudit import calibrate as calib
    from svcaudit.calibrate_csv import read_human
    from svcaudit.calibrate_report import FORMATS
    from svcaudit.checklist import load_checklist
    from svcaudit.formats import discover
    from svcaudit.model import Scorecard

    checklist = load_checklist(checklist_ref)
    human = read_human(human_csv, checklist)
    _check_readable_format(input_format)
    own = os.path.realpath(human_csv)  # a folder given as PATH may hold the CSV itself
    files = [f for f in discover(paths) if isinstance(f, LoadError) or os.path.realpath(f) != own]
    cards: list[Scorecard] = []
    errors: list[LoadError] = []
    for item in audit.score_files(
        files, checklist, input_format, agent, agent_channel=agent_channel
    ):
        if isinstance(item, LoadError):
            warn(str(item))
            errors.append(item)
        elif isinstance(item, Scorecard):  # always: no render spec, no Prepared texts
            _warnings(item.transcript, warn)
            cards.append(item)
    result = calib.compare(human, cards, checklist, errors, top)
    for line in result.warnings:
        warn(line)
    if not cards and not errors:
        warn("error: no transcripts found")
    FORMATS[fmt](result, sys.stdout)
    return ExitCode.INPUT if errors or not cards else ExitCode.OK


def test_checklist(ref: str, cases: str, out: TextIO) -> ExitCode:
    from svcaudit import casetest
    from svcaudit.checklist import load_checklist

    results = casetest.run(load_checklist(ref), cases)
    for result in results:
        out.write(f"{'ok  ' if not result.problems else 'FAIL'} {result.name}\n")
        for problem in result.problems:
            out.write(f"     {problem}\n")
    bad = sum(1 for r in results if r.problems)
    out.write(f"{len(results)} cases, {len(results) - bad} as expected, {bad} with mismatches\n")
    return ExitCode.FAILED if bad else ExitCode.OK
