"""Throughput benchmark: svcaudit as whole processes on generated transcripts.

Generates N realistic transcripts (25 turns, both speakers, built from the
sentences of ``sample_transcripts/`` and varied: names, numbers, fillers, case)
into a temporary folder, as plain text (one file each) and as JSONL (files of
1,000 lines), then times, in one run and as whole processes:

* ``svcaudit convert`` (reading only: the parse floor),
* ``svcaudit score -f jsonl`` with ``-j 1`` and ``-j 2``,

for each N, and prints transcripts per second, the score/convert ratio and the
peak resident memory of each process tree; also the start-up time of
``svcaudit --version``. Targets (issue 7, a 2-core machine): ``score -j 2`` at
least 2,000 transcripts/s at N = 10,000; score at most 3x the convert time;
peak memory at most 250 MB and flat from 1,000 to 100,000; start-up at most 0.25 s.

    python bench/throughput.py                      # N = 1,000, 10,000, 100,000
    python bench/throughput.py --sizes 1000 --formats text
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

NAMES = ["Dana", "Sofia", "Mei", "Grace", "Rafael", "Priya", "Tomás", "Aisha", "Kevin", "Marcus"]
FILLERS = ["um", "uh", "you know", "so", "okay so", "well"]
TURNS = 25


@dataclass
class Run:
    size: int
    fmt: str
    command: str
    seconds: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.size / self.seconds if self.seconds else 0.0


def sentences() -> tuple[list[str], list[str], list[str]]:
    """Agent openings, agent turns and customer turns of the bundled samples."""
    from svcaudit.formats import read_transcripts
    from svcaudit.model import Role, Transcript

    openings, agent, customer = [], [], []
    for item in read_transcripts([str(REPO / "sample_transcripts")]):
        if not isinstance(item, Transcript):
            continue
        for k, turn in enumerate(item.turns):
            if turn.role is Role.AGENT:
                (openings if k == 0 else agent).append(turn.text)
            elif turn.role is Role.CUSTOMER:
                customer.append(turn.text)
    return openings, agent, customer


def vary(text: str, rng: random.Random) -> str:
    """The same sentence with other names and numbers, sometimes spoken-style."""
    text = re.sub(r"\d", lambda _: str(rng.randint(0, 9)), text)
    text = re.sub(r"\b(?:Mr|Ms|Mrs)\. [A-Z][a-z]+", lambda _: f"Ms. {rng.choice(NAMES)}", text)
    if rng.random() < 0.2:
        text = f"{rng.choice(FILLERS)}, {text[:1].lower()}{text[1:]}"
    if rng.random() < 0.1:
        text = text.lower().replace(",", "").replace(".", "")
    return text


def transcript(i: int, pools: tuple[list[str], list[str], list[str]], rng: random.Random) -> dict:
    openings, agent, customer = pools
    turns, t = [], 0.0
    for k in range(TURNS):
        role = "agent" if k % 2 == 0 else "customer"
        pool = openings if k == 0 else agent if role == "agent" else customer
        text = vary(rng.choice(pool), rng)
        seconds = len(text.split()) / 2.5
        turns.append(
            {"speaker": role, "text": text, "start": round(t, 1), "end": round(t + seconds, 1)}
        )
        t += seconds + rng.uniform(0.3, 1.5)
    return {"id": f"call-{i:06d}", "channel": "call", "agent": rng.choice(NAMES), "turns": turns}


def generate(size: int, root: Path) -> dict[str, Path]:
    """N transcripts as text files and as JSONL files of 1,000 lines, under ``root``."""
    rng = random.Random(size)
    pools = sentences()
    text_dir, jsonl_dir = root / "text", root / "jsonl"
    lines: list[str] = []
    for i in range(size):
        obj = transcript(i, pools, rng)
        folder = text_dir / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(
            f"Agent: {t['text']}\n" if t["speaker"] == "agent" else f"Customer: {t['text']}\n"
            for t in obj["turns"]
        )
        (folder / f"{obj['id']}.txt").write_text(body, encoding="utf-8")
        lines.append(json.dumps(obj, ensure_ascii=False))
        if len(lines) == 1000 or i == size - 1:
            jsonl_dir.mkdir(parents=True, exist_ok=True)
            (jsonl_dir / f"part-{i // 1000:03d}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
            lines = []
    return {"text": text_dir, "jsonl": jsonl_dir}


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest process of the tree) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(args)} exited {code}: {err[-500:]}")
    # wait4 gives this process's own usage (with the workers it waited for); RUSAGE_CHILDREN
    # would be the largest of every child so far, which cannot show memory staying flat
    return seconds, usage.ru_maxrss / 1024


def startup(exe: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "--version"], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(size: int, fmt: str, folder: Path, exe: str) -> list[Run]:
    runs = []
    commands = {
        "convert": [exe, "convert", str(folder)],
        "score -j 1": [exe, "score", str(folder), "-f", "jsonl", "--no-fail", "-j", "1"],
        "score -j 2": [exe, "score", str(folder), "-f", "jsonl", "--no-fail", "-j", "2"],
    }
    for name, args in commands.items():
        seconds, peak = timed(args)
        runs.append(Run(size, fmt, name, seconds, peak))
        print(
            f"  {size:>7} {fmt:5} {name:11} {seconds:8.1f} s {size / seconds:9.0f}/s"
            f" {peak:7.0f} MB",
            flush=True,
        )
    return runs


def report(runs: list[Run], start: float) -> None:
    print("\n   size  fmt   command       transcripts/s  vs convert  peak MB")
    for run in runs:
        floor = next(
            r for r in runs if (r.size, r.fmt, r.command) == (run.size, run.fmt, "convert")
        )
        ratio = run.seconds / floor.seconds if floor.seconds else 0.0
        row = f"{run.size:>7}  {run.fmt:5} {run.command:12} {run.rate:14.0f}  {ratio:9.2f}x"
        print(f"{row}  {run.peak_mb:7.0f}")
    print(f"\nstart-up (svcaudit --version, median of 7): {start:.3f} s")
    targets(runs, start)


def targets(runs: list[Run], start: float) -> None:
    j2 = [r for r in runs if r.command == "score -j 2" and r.size == 10_000]
    print("targets (issue 7):")
    if j2:
        best = max(r.rate for r in j2)
        print(f"  score -j 2 at N=10,000 >= 2,000/s: {best:,.0f}/s {_met(best >= 2000)}")
    ratios = [
        r.seconds / f.seconds
        for r in runs
        for f in runs
        if r.command.startswith("score")
        and f.command == "convert"
        and (r.size, r.fmt) == (f.size, f.fmt)
    ]
    if ratios:
        print(f"  score <= 3x convert: worst {max(ratios):.1f}x {_met(max(ratios) <= 3)}")
    peak = max(r.peak_mb for r in runs)
    print(f"  peak memory <= 250 MB: {peak:.0f} MB {_met(peak <= 250)}")
    print(f"  start-up <= 0.25 s: {start:.3f} s {_met(start <= 0.25)}")


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("--formats", default="text,jsonl", help="text, jsonl or text,jsonl (both)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    formats = ["text", "jsonl"] if args.formats == "both" else args.formats.split(",")
    if unknown := set(formats) - {"text", "jsonl"}:
        parser.error(f"--formats: unknown {', '.join(sorted(unknown))} (text, jsonl or both)")
    exe = shutil.which("svcaudit") or sys.exit("svcaudit is not installed (pip install .)")
    start = startup(exe)
    runs: list[Run] = []
    root = Path(tempfile.mkdtemp(prefix="svcaudit-bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            folders = generate(size, root / str(size))
            for fmt in formats:
                runs += measure(size, fmt, folders[fmt], exe)
            if not args.keep:
                shutil.rmtree(root / str(size))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report(runs, start)


if __name__ == "__main__":
    main()
