"""Every sample transcript sniffs as the format of its suffix and parses to its golden file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from svcaudit.formats import READERS, read_path, read_transcripts, sniff
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import LoadError, Transcript

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_transcripts"
FILES = sorted(
    path.name
    for path in SAMPLES.iterdir()
    if path.is_file() and path.name != "README.md" and not path.name.startswith(".")
)


def suffix_format(name: str) -> str:
    """The format of a sample: the reader of its suffix; where several readers claim the suffix
    (`.json`), the one the file name starts with (`intercom-refund.json`), else the last one."""
    suffix = Path(name).suffix.lower()
    claims = [reader.NAME for reader in READERS.values() if suffix in reader.SUFFIXES]
    first = Path(name).stem.split("-")[0].lower()
    return first if first in claims else claims[-1]


def dump(transcripts: list[Transcript]) -> str:
    """The golden form of what a file reads as."""
    data = [
        {
            "id": t.id,
            "format": t.format,
            "channel": t.channel,
            "agent": t.agent,
            "warnings": list(t.warnings),
            "turns": [
                {
                    "index": turn.index,
                    "role": turn.role.value,
                    "name": turn.name,
                    "text": turn.text,
                    "start": turn.start,
                    "end": turn.end,
                }
                for turn in t.turns
            ],
        }
        for t in transcripts
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", FILES)
def test_sample_sniffs_as_its_format(name: str) -> None:
    head = (SAMPLES / name).read_text(encoding="utf-8")[:HEAD_SIZE]
    assert sniff(head) == suffix_format(name)


@pytest.mark.parametrize("name", FILES)
def test_sample_parses_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    transcripts = read_path(str(SAMPLES / name))
    assert transcripts
    assert all(t.format == suffix_format(name) and t.turns for t in transcripts)
    golden(f"transcripts/{name}.json", dump(transcripts))


def test_every_reader_has_a_sample() -> None:
    assert {suffix_format(name) for name in FILES} == set(READERS)


def test_sample_folder_reads_without_errors() -> None:
    items = list(read_transcripts([str(SAMPLES)]))
    assert [item for item in items if isinstance(item, LoadError)] == []
    assert len(items) >= len(FILES)
