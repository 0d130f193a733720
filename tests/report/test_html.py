"""``score -f html``: golden page, escaping, highlighting, spooling, and a real headless browser."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from svcaudit.model import Batch, CueHit, LoadError, Role, Transcript, Turn
from svcaudit.report import html, write_batch
from svcaudit.report.html_parts import highlight
from svcaudit.report.summary import SummaryBuilder

from .cases import CALL_CUES, CARD_FAIL, CARD_NA, CARD_PASS, CHAT_CUES, CHECKLIST, ERRORS, scorecard

Golden = Callable[[str, str], None]
ROOT = Path(__file__).parents[2]
SAMPLES = ("excellent-call.json", "poor-business-only.txt", "dismissive-agent.txt")
SAMPLES_IDS = {"excellent-call": 1, "poor-business-only": 2, "dismissive-agent": 3}
CARDS = (replace(CARD_PASS, cues=CALL_CUES), replace(CARD_FAIL, cues=CHAT_CUES), CARD_NA)


def render(batch: Batch | None = None) -> str:
    out = io.StringIO()
    write_batch("html", batch or Batch(CARDS, ERRORS), out, CHECKLIST)
    return out.getvalue()


def test_golden(golden: Golden) -> None:
    golden("report/score.html", render())


def test_page_structure_and_links() -> None:
    page = render()
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "http://" not in page and "https://" not in page  # self-contained: nothing fetched
    for n in (1, 2, 3):
        assert f'<section class="transcript" id="t-{n}">' in page
        assert f'<a href="#t-{n}">' in page  # the table row links to the section
    assert 'id="t-1-turn-5"' in page and 'href="#t-1-turn-5"' in page  # evidence -> turn
    assert 'id="t-2-turn-7"' in page and 'href="#t-2-turn-7"' in page
    assert "1:01:11" in page and "00:14" in page  # turn times
    assert "calls/broken.json:3: expecting &#x27;,&#x27; delimiter" in page
    assert "calls/empty.txt: no turns found" in page
    assert '<span class="badge b-bad">dismissive</span>' in page
    assert '<span class="badge b-cust">personal_need</span>' in page
    assert '<mark class="cue-bad" title="jargon">RMA</mark>' in page
    assert '<mark class="cue-good" title="open_probe">What happened</mark>' in page


def test_untrusted_text_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    turns = (
        Turn(0, Role.AGENT, f"Calm down {evil} & relax", f"<b>{evil}</b>", 2.0),
        Turn(1, Role.CUSTOMER, '"><img src=x onerror=alert(2)>', None),
    )
    transcript = Transcript(f"id-{evil}", turns, f"calls/{evil}.txt", "text", agent=evil)
    cues = ((CueHit("dismissive", "calm down script alert 1 script"),), ())
    card = replace(scorecard(transcript), cues=cues)
    page = render(Batch((card,), (LoadError(f"x/{evil}.json", evil, 2),)))
    assert evil not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert len(re.findall(r"<script\b", page)) == 1  # only the page's own sorting script
    mark = '<mark class="cue-bad" title="dismissive">Calm down &lt;script&gt;alert(1)&lt;/script'
    assert f'<p class="text">{mark}</mark>&gt; &amp; relax</p>' in page
    assert "&lt;b&gt;&lt;script&gt;" in page  # the speaker's name


@pytest.mark.parametrize(
    ("text", "hits", "expected"),
    [
        ("I'm so sorry.", [("apology", "i am so sorry")],
         '<mark class="cue-good" title="apology">I&#x27;m so sorry</mark>.'),
        ("I can\u2019t do that", [("bare_refusal", "i can not do that")],
         '<mark class="cue-bad" title="bare_refusal">I can\u2019t do that</mark>'),
        ("Your RMA is late", [("paraphrase", "your rma is late"), ("jargon", "rma")],
         '<mark class="cue-good" title="paraphrase">Your </mark>'
         '<mark class="cue-bad" title="jargon">RMA</mark>'
         '<mark class="cue-good" title="paraphrase"> is late</mark>'),
        ("I have   the\nflu", [("personal_need", "i have the flu")],
         '<mark class="cue-cust" title="personal_need">I have   the\nflu</mark>'),
        ("nothing <here>", [("thanks", "thank you")], "nothing &lt;here&gt;"),
        ("cashier", [("thanks", "ash")], "cashier"),  # whole words only
    ],
)  # fmt: skip
def test_highlight(text: str, hits: list[tuple[str, str]], expected: str) -> None:
    assert highlight(text, tuple(CueHit(cue, phrase) for cue, phrase in hits)) == expected


def test_nothing_written_before_close_and_spool_to_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = render()
    monkeypatch.setattr(html, "SPOOL", 64)  # sections overflow to a temporary file at once
    out = io.StringIO()
    writer = html.Writer(out, CHECKLIST)
    writer.scorecard(CARDS[0])
    assert out.getvalue() == ""
    assert writer._sections._rolled  # type: ignore[attr-defined]
    writer.close(SummaryBuilder(CHECKLIST).build())
    assert writer._sections.closed
    assert render() == expected


# -- a real browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (apt-get install chromium) for the browser test"
)
WIDTH, HEIGHT = 1400, 1000


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
    ]  # fmt: skip
    return subprocess.run(
        [CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The html report of real samples, scored with the default checklist."""
    from svcaudit.audit import score_transcript
    from svcaudit.checklist import load_checklist
    from svcaudit.formats import read_path

    checklist = load_checklist("quality-service")
    paths = [str(ROOT / "sample_transcripts" / name) for name in SAMPLES]
    cards = tuple(score_transcript(t, checklist) for p in paths for t in read_path(p))
    path = tmp_path_factory.mktemp("html") / "report.html"
    with path.open("w", encoding="utf-8") as out:
        write_batch("html", Batch(cards, ERRORS), out, checklist)
    return path


def png_info(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (still row-filtered) pixel data of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


@needs_chromium
def test_screenshot(report: Path, tmp_path: Path) -> None:
    """A blank page compresses to ~10 KB of rows that filter to zeros; a rendered one does not."""
    shot = tmp_path / "shot.png"
    result = chromium(tmp_path / "profile", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    width, height, pixels = png_info(data)
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(data) > 30_000
    assert len(set(pixels)) > 64
    assert sum(1 for byte in pixels if byte) / len(pixels) > 0.005


@needs_chromium
def test_dom_after_scripts(report: Path, tmp_path: Path) -> None:
    """The sorting script ran without error, and sorts: clicks on the headings reorder rows."""
    clicks = """<script>
    var heads = document.querySelectorAll('#transcripts th'), order = [];
    function first() {
      return document.querySelector('#transcripts tbody tr').cells[1].textContent;
    }
    heads[3].click(); order.push(first());  // score, ascending
    heads[3].click(); order.push(first());  // score, descending
    heads[0].click(); heads[0].click(); order.push(first());  // #, descending
    document.body.setAttribute('data-order', order.join(' '));
    </script>"""
    page = tmp_path / "clicked.html"
    page.write_text(report.read_text("utf-8").replace("</body>", clicks + "</body>"), "utf-8")
    result = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = result.stdout
    assert re.search(r'<body[^>]*data-ready="1"', dom), result.stderr[-2000:]
    order = re.search(r'<body[^>]*data-order="([^"]*)"', dom)
    assert order, result.stderr[-2000:]
    assert order[1].split() == ["poor-business-only", "excellent-call", "dismissive-agent"]
    assert 'aria-sort="descending"' in dom
    for transcript_id in ("excellent-call", "poor-business-only", "dismissive-agent"):
        assert f'<section class="transcript" id="t-{SAMPLES_IDS[transcript_id]}">' in dom
        assert f">{transcript_id}</a>" in dom
