"""Personal data never leaves the machine by default in CI formats; --redact masks it anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.redact import luhn, text

SAMPLE = Path(__file__).parents[1] / "sample_transcripts" / "card-replacement-pii.txt"
CARD = re.compile(r"4111[ -]?1111[ -]?1111[ -]?1111")
SECRETS = (CARD, re.compile(r"nora\.castillo@example\.org"), re.compile(r"555-0132"))


def _leaks(content: str) -> list[str]:
    return [p.pattern for p in SECRETS if p.search(content)]


def _run(tmp_path: Path, *args: str) -> dict[str, str]:
    outs = {f: tmp_path / f"report.{f}" for f in ("junit", "github", "markdown", "json", "html")}
    result = CliRunner().invoke(
        cli, ["score", str(SAMPLE), "--no-fail", *[f"-o{f}:{p}" for f, p in outs.items()], *args]
    )
    assert result.exit_code == 0, result.stderr
    return {f: p.read_text(encoding="utf-8") for f, p in outs.items()} | {"stdout": result.stdout}


def test_ci_formats_are_masked_by_default_and_the_rest_are_not(tmp_path: Path) -> None:
    outputs = _run(tmp_path)
    for fmt in ("junit", "github", "markdown"):
        assert _leaks(outputs[fmt]) == [], fmt
    assert CARD.search(outputs["json"])  # proof the sample's evidence does quote the card
    assert "[card]" in outputs["junit"] or "[card]" not in outputs["json"]


def test_redact_masks_every_format(tmp_path: Path) -> None:
    outputs = _run(tmp_path, "--redact")
    for fmt, content in outputs.items():
        assert _leaks(content) == [], fmt
    assert "[card]" in outputs["json"] and "[email]" in outputs["html"]


def test_no_redact_turns_the_default_off(tmp_path: Path) -> None:
    outputs = _run(tmp_path, "--no-redact")
    assert CARD.search(outputs["junit"])


def test_redaction_does_not_change_verdicts(tmp_path: Path) -> None:
    import json

    plain = json.loads(_run(tmp_path, "--no-redact")["json"])["scorecards"][0]
    masked = json.loads(_run(tmp_path, "--redact")["json"])["scorecards"][0]
    assert [e["verdict"] for e in plain["elements"]] == [e["verdict"] for e in masked["elements"]]
    assert plain["score"] == masked["score"]


def test_annotate_redact() -> None:
    result = CliRunner().invoke(cli, ["annotate", str(SAMPLE), "-f", "json", "--redact"])
    assert result.exit_code == 0 and _leaks(result.stdout) == []


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("card 4111 1111 1111 1111 ok", "card [card] ok"),
        ("card 4111-1111-1111-1111", "card [card]"),
        ("mail a.b+c@shop.co.uk now", "mail [email] now"),
        ("SSN 123-45-6789", "SSN [id]"),
        ("NI AB 12 34 56 C", "NI [id]"),
        ("call +44 7700 900123", "call [phone]"),
        ("call (415) 555-0132", "call [phone]"),
        ("account 44071923", "account [number]"),
        ("refund 119.99 in 3-5 days by 10:20, reference RF-77210", None),
    ],
)
def test_patterns(raw: str, masked: str | None) -> None:
    assert text(raw) == (raw if masked is None else masked)


def test_luhn() -> None:
    assert luhn("4111111111111111") and not luhn("4111111111111112")
