"""Accuracy benchmark: svcaudit's cue detection against human-labelled dialogue corpora.

The corpora (SwDA, MultiWOZ 2.1, ESConv, AnnoMI, EPITOME, ...; DEV split) are evaluation data
only. They are read at run time from a data directory outside the repository and never copied
into it. The directory holds ``<corpus>.meta.json``, ``<corpus>.transcripts.jsonl`` and
``<corpus>.labels.jsonl``; its README.md states the scoring rule implemented here:

* per corpus and per cue in scope, over the judged agent turns: TP, FP, FN, precision, recall,
  F1; a cue is judged on a turn only when it is in that label's ``scope``;
* the gold name ``probe`` is hit by a predicted ``open_probe`` or ``closed_probe``, ``confirm``
  by ``closed_probe`` or ``paraphrase``;
* ``partial`` cues are not gold: those (turn, cue) pairs are left out and counted apart;
* precision (hence F1) is judged only on ``precision_reliable`` corpora; the others give recall;
* headline: macro-F1 over the (corpus, cue) pairs of the precision-reliable corpora with at
  least 20 gold positives, next to the macro-recall of the recall-only corpora's pairs.

95% intervals come from a bootstrap that resamples dialogues (transcripts) with replacement,
each corpus independently, with a fixed seed.

Usage (from the repository root; no install needed)::

    python bench/accuracy.py                          # all corpora, 200 bootstrap resamples
    python bench/accuracy.py --corpus annomi --limit 20 --bootstrap 0   # quick run
    python bench/accuracy.py --json /tmp/acc.json     # all figures as JSON
    python bench/accuracy.py --errors probe:multiwoz21 --max-errors 10  # error analysis
    python bench/accuracy.py --target-macro 0.75 --target-min 0.5       # exit 1 if missed
    python bench/accuracy.py --semantic               # with svcaudit[semantic] installed

The data directory is ``--data DIR``, else ``$SVCAUDIT_CUES_DEV``, else
``../shared/data/cues-dev`` next to the repository. ``--target-min`` applies to every pair of
the macro-F1 headline. Error listings print corpus text to the terminal only: never paste it
into the repository. From code: ``evaluate(data_dir, corpora=None, limit=None, bootstrap=200)``
returns the figures as a dict (the same as ``--json`` writes).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cues-dev"
ENV_DATA = "SVCAUDIT_CUES_DEV"
SEED = 0
MIN_GOLD = 20
THRESHOLDS = (0.5, 0.8)
ALIASES: dict[str, frozenset[str]] = {
    "probe": frozenset({"open_probe", "closed_probe"}),
    "confirm": frozenset({"closed_probe", "paraphrase"}),
}

Annotate = Callable[[Any], Sequence[Sequence[Any]]]
Triple = tuple[int, int, int]  # TP, FP, FN
Rep = tuple[float | None, float | None]  # (recall, F1) of one bootstrap replicate


@dataclass
class Corpus:
    """One corpus as read from the data directory (after ``--limit``)."""

    name: str
    meta: dict[str, Any]
    transcripts: list[dict[str, Any]]
    labels: list[dict[str, Any]]

    @property
    def reliable(self) -> bool:
        return bool(self.meta.get("precision_reliable"))


@dataclass
class Predictions:
    """The annotator's hits, per transcript id, one sequence of CueHit per turn."""

    hits: dict[str, Sequence[Sequence[Any]]]
    turns: int
    seconds: float


@dataclass
class Judged:
    """Per-dialogue TP/FP/FN of every judged cue, plus where the errors are."""

    dialogues: list[str]
    counts: dict[str, list[Triple]]
    turns: int = 0
    partial: Counter[str] = field(default_factory=Counter)
    errors: dict[tuple[str, str], list[tuple[str, int]]] = field(default_factory=dict)


class BenchError(Exception):
    """A usage or data error: unknown corpus, a label outside its transcript."""


@dataclass
class CorpusResult:
    corpus: Corpus
    predictions: Predictions
    judged: Judged
    figures: dict[str, Any]
    reps: dict[str, list[Rep]]


# ---------------------------------------------------------------- loading


def resolve_data_dir(arg: str | None) -> Path:
    """``--data``, else ``$SVCAUDIT_CUES_DEV``, else the shared DEV directory."""
    return Path(arg or os.environ.get(ENV_DATA) or DEFAULT_DATA).expanduser().resolve()


def discover(data_dir: Path) -> dict[str, Path]:
    """Corpus name -> its meta file, for every ``*.meta.json`` in ``data_dir``."""
    found: dict[str, Path] = {}
    for path in sorted(data_dir.glob("*.meta.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        found[str(meta.get("corpus") or path.name[: -len(".meta.json")])] = path
    return found


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(name: str, meta_path: Path, limit: int | None) -> Corpus:
    """Read a corpus; ``limit`` keeps its first N transcripts (and their labels)."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    base = meta_path.parent / meta_path.name[: -len(".meta.json")]
    transcripts = read_jsonl(Path(f"{base}.transcripts.jsonl"))
    if limit is not None:
        transcripts = transcripts[:limit]
    ids = {t["id"] for t in transcripts}
    labels = read_jsonl(Path(f"{base}.labels.jsonl"))
    orphans = {lab["transcript"] for lab in labels} - ids
    if orphans and limit is None:
        raise BenchError(f"{name}: labels for unknown transcripts, e.g. {min(orphans)}")
    labels = [lab for lab in labels if lab["transcript"] in ids]
    return Corpus(name, meta, transcripts, labels)


# ---------------------------------------------------------------- predicting


def load_annotate(semantic: bool = False) -> Annotate:
    """The product's ``svcaudit.cues.annotate``, imported from this checkout's ``src``;
    with ``semantic``, with the optional semantic detector on (``svcaudit[semantic]``)."""
    src = str(REPO / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    annotate = importlib.import_module("svcaudit.cues").annotate
    if not semantic:
        return annotate  # type: ignore[no-any-return]
    audit = importlib.import_module("svcaudit.audit")
    audit.use_semantic(True)
    model = audit.cue_model(())
    return lambda transcript: annotate(transcript, model)


def to_transcript(obj: dict[str, Any], path: Path) -> Any:
    """A canonical transcript object as a ``svcaudit.model.Transcript``."""
    from svcaudit.model import Role, Transcript, Turn

    turns = tuple(
        Turn(index=i, role=Role(t["speaker"]), text=t["text"], name=None, start=None, end=None)
        for i, t in enumerate(obj["turns"])
    )
    return Transcript(
        id=obj["id"], turns=turns, path=str(path), format="jsonl", channel=obj.get("channel")
    )


def predict(corpus: Corpus, annotate: Annotate, path: Path) -> Predictions:
    """Annotate every transcript of the corpus once."""
    hits: dict[str, Sequence[Sequence[Any]]] = {}
    turns = 0
    start = time.perf_counter()
    for obj in corpus.transcripts:
        out = annotate(to_transcript(obj, path))
        if len(out) != len(obj["turns"]):
            raise BenchError(
                f"{obj['id']}: annotate gave {len(out)} rows, {len(obj['turns'])} turns"
            )
        hits[obj["id"]] = out
        turns += len(out)
    return Predictions(hits, turns, time.perf_counter() - start)


def predicted_cues(hits: Sequence[Any]) -> frozenset[str]:
    return frozenset(h.cue for h in hits)


def hit(cue: str, predicted: frozenset[str]) -> bool:
    """Whether the predicted cues satisfy the gold name ``cue`` (``probe``, ``confirm``...)."""
    return bool(ALIASES.get(cue, frozenset({cue})) & predicted)


# ---------------------------------------------------------------- judging


def judge(corpus: Corpus, preds: Predictions) -> Judged:
    """TP/FP/FN per cue and dialogue over the labelled turns; partial pairs left out."""
    order = {t["id"]: i for i, t in enumerate(corpus.transcripts)}
    labels = sorted(corpus.labels, key=lambda lab: (order[lab["transcript"]], lab["turn"]))
    dialogues = list(dict.fromkeys(lab["transcript"] for lab in labels))
    index = {tid: i for i, tid in enumerate(dialogues)}
    scope = [str(c) for c in corpus.meta.get("scope", [])]
    scope += sorted({c for lab in labels for c in lab["scope"]} - set(scope))
    rows = {cue: [[0, 0, 0] for _ in dialogues] for cue in scope}
    judged = Judged(dialogues, {})
    for lab in labels:
        judged.turns += 1
        tally(judged, rows, index[lab["transcript"]], lab, predicted_cues(turn_hits(preds, lab)))
    judged.counts = {cue: [(r[0], r[1], r[2]) for r in rs] for cue, rs in rows.items()}
    return judged


def tally(
    judged: Judged,
    rows: dict[str, list[list[int]]],
    dialogue: int,
    label: dict[str, Any],
    predicted: frozenset[str],
) -> None:
    """Add one labelled turn's TP/FP/FN (row ``dialogue`` of each cue) and its errors."""
    for cue in label["scope"]:
        if cue in label.get("partial", ()):
            judged.partial[cue] += 1
            continue
        gold, pred = cue in label["cues"], hit(cue, predicted)
        if not (gold or pred):
            continue
        kind = 0 if gold and pred else (1 if pred else 2)
        rows[cue][dialogue][kind] += 1
        if kind:
            key = (cue, "fp" if kind == 1 else "fn")
            judged.errors.setdefault(key, []).append((label["transcript"], label["turn"]))


def turn_hits(preds: Predictions, label: dict[str, Any]) -> Sequence[Any]:
    rows = preds.hits[label["transcript"]]
    turn = label["turn"]
    if not 0 <= turn < len(rows):
        raise BenchError(f"{label['transcript']}: label for turn {turn}, {len(rows)} turns")
    return rows[turn]


# ---------------------------------------------------------------- figures


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def metrics(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; None where undefined (nothing predicted, no gold)."""
    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def bootstrap(counts: dict[str, list[Triple]], reps: int, seed: str) -> dict[str, list[Rep]]:
    """(recall, F1) of each cue in ``reps`` resamples of the dialogues, with replacement."""
    out: dict[str, list[Rep]] = {cue: [] for cue in counts}
    n = len(next(iter(counts.values()), []))
    if not n:
        return out
    rng = random.Random(seed)
    sparse = {cue: [(i, c) for i, c in enumerate(rows) if any(c)] for cue, rows in counts.items()}
    population = range(n)
    for _ in range(reps):
        mult = [0] * n
        for i in rng.choices(population, k=n):
            mult[i] += 1
        for cue, nonzero in sparse.items():
            tp = fp = fn = 0
            for i, (a, b, c) in nonzero:
                m = mult[i]
                if m:
                    tp, fp, fn = tp + m * a, fp + m * b, fn + m * c
            out[cue].append((ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)))
    return out


def interval(values: Sequence[float | None]) -> list[float] | None:
    """The 2.5th and 97.5th percentiles (linear interpolation) of the defined values."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    return [round(percentile(vals, q), 4) for q in (0.025, 0.975)]


def percentile(vals: Sequence[float], q: float) -> float:
    pos = q * (len(vals) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (pos - lo)


def rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def cue_figures(rows: list[Triple], reps: list[Rep], reliable: bool) -> dict[str, Any]:
    tp, fp, fn = (sum(r[k] for r in rows) for k in range(3))
    precision, recall, f1 = metrics(tp, fp, fn)
    fig: dict[str, Any] = {"gold": tp + fn, "tp": tp, "fp": fp, "fn": fn}
    fig["precision"] = rounded(precision) if reliable else None
    fig["recall"] = rounded(recall)
    fig["f1"] = rounded(f1) if reliable else None
    fig["metric"] = "f1" if reliable else "recall"
    fig["ci"] = interval([r[1] if reliable else r[0] for r in reps]) if reps else None
    fig["in_headline"] = tp + fn >= MIN_GOLD
    return fig


def score_corpus(corpus: Corpus, preds: Predictions, judged: Judged, reps_n: int) -> CorpusResult:
    reps = bootstrap(judged.counts, reps_n, f"{SEED}:{corpus.name}") if reps_n else {}
    figures = {
        "title": corpus.meta.get("title", corpus.name),
        "precision_reliable": corpus.reliable,
        "transcripts": len(corpus.transcripts),
        "dialogues_judged": len(judged.dialogues),
        "judged_turns": judged.turns,
        "turns_annotated": preds.turns,
        "annotate_seconds": round(preds.seconds, 3),
        "partial": dict(sorted(judged.partial.items())),
        "cues": {
            cue: cue_figures(rows, reps.get(cue, []), corpus.reliable)
            for cue, rows in judged.counts.items()
        },
    }
    return CorpusResult(corpus, preds, judged, figures, reps)


# ---------------------------------------------------------------- headline


def headline_pairs(results: Sequence[CorpusResult], reliable: bool) -> list[tuple[str, str]]:
    return [
        (r.corpus.name, cue)
        for r in results
        if r.corpus.reliable == reliable
        for cue, fig in r.figures["cues"].items()
        if fig["in_headline"]
    ]


def macro(results: Sequence[CorpusResult], reliable: bool, reps_n: int) -> dict[str, Any]:
    """Mean F1 (or recall) over the headline pairs, with its bootstrap interval."""
    by_name = {r.corpus.name: r for r in results}
    pairs = headline_pairs(results, reliable)
    k = 1 if reliable else 0
    values = [by_name[c].figures["cues"][cue]["f1" if reliable else "recall"] for c, cue in pairs]
    defined = [v for v in values if v is not None]
    reps: list[float | None] = []
    for j in range(reps_n if pairs else 0):
        rep = [by_name[c].reps[cue][j][k] for c, cue in pairs]
        ok = [v for v in rep if v is not None]
        reps.append(sum(ok) / len(ok) if ok else None)
    return {
        "value": rounded(sum(defined) / len(defined)) if defined else None,
        "ci": interval(reps) if reps else None,
        "pairs": [f"{c}/{cue}" for c, cue in pairs],
    }


def below(results: Sequence[CorpusResult]) -> dict[str, list[dict[str, Any]]]:
    """Headline pairs under each threshold, by their metric (F1, or recall if recall-only)."""
    out: dict[str, list[dict[str, Any]]] = {str(t): [] for t in THRESHOLDS}
    for r in results:
        for cue, fig in r.figures["cues"].items():
            value = fig[fig["metric"]]
            if not fig["in_headline"] or value is None:
                continue
            for t in THRESHOLDS:
                if value < t:
                    pair = {"pair": f"{r.corpus.name}/{cue}", "metric": fig["metric"]}
                    out[str(t)].append({**pair, "value": value})
                    break
    return out


def headline(results: Sequence[CorpusResult], reps_n: int) -> dict[str, Any]:
    return {
        "min_gold": MIN_GOLD,
        "macro_f1": macro(results, True, reps_n),
        "macro_recall": macro(results, False, reps_n),
        "below": below(results),
    }


# ---------------------------------------------------------------- running


def run(
    data_dir: Path,
    corpora: Sequence[str] | None = None,
    limit: int | None = None,
    bootstrap_n: int = 200,
    annotate: Annotate | None = None,
) -> tuple[dict[str, Any], list[CorpusResult]]:
    """Evaluate; return the JSON-ready figures and the per-corpus results."""
    start = time.perf_counter()
    found = discover(data_dir)
    unknown = sorted(set(corpora or ()) - set(found))
    if unknown:
        raise BenchError(f"unknown corpus {', '.join(unknown)}; have {', '.join(found)}")
    annotate = annotate or load_annotate()
    results = []
    for name, meta_path in found.items():
        if corpora and name not in corpora:
            continue
        corpus = load_corpus(name, meta_path, limit)
        preds = predict(corpus, annotate, meta_path.parent / f"{name}.transcripts.jsonl")
        results.append(score_corpus(corpus, preds, judge(corpus, preds), bootstrap_n))
    turns = sum(r.predictions.turns for r in results)
    seconds = sum(r.predictions.seconds for r in results)
    figures = {
        "data_dir": str(data_dir),
        "limit": limit,
        "bootstrap": bootstrap_n,
        "seed": SEED,
        "corpora": {r.corpus.name: r.figures for r in results},
        "headline": headline(results, bootstrap_n),
        "turns_annotated": turns,
        "annotate_seconds": round(seconds, 3),
        "turns_per_second": round(turns / seconds, 1) if seconds else None,
        "elapsed_seconds": round(time.perf_counter() - start, 3),
    }
    return figures, results


def evaluate(
    data_dir: str | Path,
    corpora: Sequence[str] | None = None,
    limit: int | None = None,
    bootstrap: int = 200,
    *,
    annotate: Annotate | None = None,
) -> dict[str, Any]:
    """All figures as a dict; ``annotate`` defaults to ``svcaudit.cues.annotate``."""
    figures, _ = run(Path(data_dir), corpora, limit, bootstrap, annotate)
    return figures


# ---------------------------------------------------------------- printing

NJ = "n/j"  # not judged: precision (and F1) of a single-label, recall-only corpus


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def fmt_ci(ci: list[float] | None) -> str:
    return "-" if ci is None else f"[{ci[0]:.3f}, {ci[1]:.3f}]"


def corpus_table(name: str, fig: dict[str, Any]) -> list[str]:
    reliable = fig["precision_reliable"]
    judged = "precision judged" if reliable else "recall only: precision not judged (n/j)"
    lines = [
        f"== {name}: {fig['title']}",
        f"   {judged}; {fig['dialogues_judged']} dialogues, {fig['judged_turns']} judged turns",
    ]
    width = max([len("cue"), *map(len, fig["cues"])])
    head = ("gold", "TP", "FP", "FN", "prec", "recall", "F1")
    ci_head = "95% CI " + ("(F1)" if reliable else "(recall)")
    lines.append(f"   {'cue':<{width}} " + "".join(f"{h:>7}" for h in head) + f"  {ci_head}")
    for cue, c in fig["cues"].items():
        nums = "".join(f"{c[k]:>7}" for k in ("gold", "tp", "fp", "fn"))
        rates = [fmt(c["precision"]) if reliable else NJ, fmt(c["recall"])]
        rates.append(fmt(c["f1"]) if reliable else NJ)
        mark = "" if c["in_headline"] else f"  (gold < {MIN_GOLD}: not in headline)"
        row = f"   {cue:<{width}} {nums}" + "".join(f"{r:>7}" for r in rates)
        lines.append(row + f"  {fmt_ci(c['ci'])}{mark}")
    if fig["partial"]:
        parts = ", ".join(f"{cue} {n}" for cue, n in fig["partial"].items())
        lines.append(f"   partial (not gold, left out of TP/FP/FN): {parts}")
    return lines


def headline_lines(head: dict[str, Any]) -> list[str]:
    f1, rec = head["macro_f1"], head["macro_recall"]
    lines = [
        f"HEADLINE macro-F1     {fmt(f1['value'])} {fmt_ci(f1['ci'])} over {len(f1['pairs'])} "
        f"pairs (precision-judged corpora, gold >= {head['min_gold']})",
        f"         macro-recall {fmt(rec['value'])} {fmt_ci(rec['ci'])} over {len(rec['pairs'])} "
        f"pairs (recall-only corpora, gold >= {head['min_gold']})",
    ]
    lower = 0.0
    for t in THRESHOLDS:
        prefix = f"   {lower:.1f} <= x < {t:.1f}: "
        listed = [f"{i['pair']} {i['metric']} {i['value']:.3f}" for i in head["below"][str(t)]]
        lines += wrap_items(prefix, listed or ["none"])
        lower = t
    return lines


def wrap_items(prefix: str, items: Sequence[str], width: int = 100) -> list[str]:
    """``prefix`` then the comma-separated items, wrapped between items, indented under it."""
    lines, line, fresh = [], prefix, True
    for k, item in enumerate(items):
        piece = item + ("," if k < len(items) - 1 else "")
        if len(line) + len(piece) + 1 > width and not fresh:
            lines.append(line.rstrip())
            line = " " * len(prefix)
        line, fresh = line + piece + " ", False
    return [*lines, line.rstrip()]


def print_report(figures: dict[str, Any]) -> None:
    for name, fig in figures["corpora"].items():
        print("\n".join(corpus_table(name, fig)), end="\n\n")
    print("\n".join(headline_lines(figures["headline"])))
    rate = figures["turns_per_second"]
    print(
        f"\nannotated {figures['turns_annotated']} turns in {figures['annotate_seconds']:.1f} s "
        f"({rate if rate is not None else '-'} turns/s); "
        f"elapsed {figures['elapsed_seconds']:.1f} s; bootstrap {figures['bootstrap']}, seed {SEED}"
    )


# ---------------------------------------------------------------- error analysis


def clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def previous_customer(turns: Sequence[dict[str, Any]], index: int) -> str:
    for t in reversed(turns[:index]):
        if t["speaker"] == "customer":
            return str(t["text"])
    return ""


def error_lines(result: CorpusResult, tid: str, turn: int) -> list[str]:
    obj = next(t for t in result.corpus.transcripts if t["id"] == tid)
    label = next(
        lab for lab in result.corpus.labels if lab["transcript"] == tid and lab["turn"] == turn
    )
    found = ", ".join(f"{h.cue}({h.phrase!r})" for h in result.predictions.hits[tid][turn])
    return [
        f"  {tid}#{turn}  gold: {', '.join(label['cues']) or '-'}  "
        f"labels: {', '.join(label.get('source_labels', [])) or '-'}",
        f"    predicted: {found or '-'}",
        f"    customer before: {clip(previous_customer(obj['turns'], turn), 300) or '-'}",
        f"    turn: {clip(obj['turns'][turn]['text'], 500)}",
    ]


def print_errors(results: Sequence[CorpusResult], spec: str, max_errors: int) -> None:
    cue, _, only = spec.partition(":")
    for r in results:
        if (only and r.corpus.name != only) or cue not in r.judged.counts:
            continue
        for kind in ("fp", "fn"):
            errs = r.judged.errors.get((cue, kind), [])
            shown = sorted(random.Random(SEED).sample(errs, min(max_errors, len(errs))))
            note = (
                "" if r.corpus.reliable or kind == "fn" else " (precision not judged: may be right)"
            )
            print(f"--- {r.corpus.name} {cue}: {kind.upper()} {len(shown)} of {len(errs)}{note}")
            for tid, turn in shown:
                print("\n".join(error_lines(r, tid, turn)))
        print()


# ---------------------------------------------------------------- command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--data", metavar="DIR", help=f"data directory (default ${ENV_DATA} or {DEFAULT_DATA})"
    )
    p.add_argument("--corpus", action="append", metavar="NAME", help="restrict (repeatable)")
    p.add_argument("--limit", type=int, metavar="N", help="first N transcripts per corpus")
    p.add_argument("--bootstrap", type=int, default=200, metavar="N", help="resamples (0: off)")
    p.add_argument("--json", metavar="PATH", help="write all figures as JSON")
    p.add_argument("--semantic", action="store_true", help="with the optional semantic detector on")
    p.add_argument(
        "--errors",
        action="append",
        metavar="CUE[:CORPUS]",
        help="print false positives and negatives of CUE (repeatable)",
    )
    p.add_argument("--max-errors", type=int, default=25, metavar="N", help="per kind and corpus")
    p.add_argument("--target-macro", type=float, metavar="F1", help="exit 1 if macro-F1 below")
    p.add_argument(
        "--target-min", type=float, metavar="F1", help="exit 1 if any macro-F1 pair is below"
    )
    return p.parse_args(argv)


def missed_targets(
    figures: dict[str, Any], target_macro: float | None, target_min: float | None
) -> list[str]:
    """Why the headline misses the targets (empty: met, or no target given)."""
    missed = []
    head = figures["headline"]["macro_f1"]
    if target_macro is not None and (head["value"] is None or head["value"] < target_macro):
        missed.append(f"macro-F1 {fmt(head['value'])} < {target_macro}")
    for pair in head["pairs"] if target_min is not None else ():
        corpus, cue = pair.split("/", 1)
        f1 = figures["corpora"][corpus]["cues"][cue]["f1"]
        if f1 is None or f1 < target_min:
            missed.append(f"{pair} F1 {fmt(f1)} < {target_min}")
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = resolve_data_dir(args.data)
    if not data_dir.is_dir():
        print(f"accuracy: error: no data directory {data_dir}", file=sys.stderr)
        return 2
    try:
        annotate = load_annotate(args.semantic)
        figures, results = run(data_dir, args.corpus, args.limit, args.bootstrap, annotate)
    except BenchError as exc:
        print(f"accuracy: error: {exc}", file=sys.stderr)
        return 2
    for spec in args.errors or ():
        print_errors(results, spec, args.max_errors)
    print_report(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    missed = missed_targets(figures, args.target_macro, args.target_min)
    sys.stdout.flush()
    for why in missed:
        print(f"TARGET MISSED: {why}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
