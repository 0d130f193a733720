"""Every built-in element is traceable to a passage of its source document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.checklist import builtin_ids, load_checklist
from svcaudit.cli import cli

SEEDS = Path(__file__).parents[3] / "shared" / "seeds"
ELEMENTS = [(cid, e) for cid in builtin_ids() for e in load_checklist(cid).elements]


def _plain(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"[\s*_]+", " ", text).strip().casefold()


@pytest.mark.parametrize(
    ("checklist", "element"), ELEMENTS, ids=[f"{c}:{e.id}" for c, e in ELEMENTS]
)
def test_element_names_its_seed_and_guidance(checklist: str, element) -> None:
    assert re.fullmatch(r"00[0-4]_[0-9a-f]{16}\.txt", element.source)
    assert element.source == load_checklist(checklist).source
    assert element.quote and element.guidance and element.description


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this checkout"
)
@pytest.mark.parametrize(
    ("checklist", "element"), ELEMENTS, ids=[f"{c}:{e.id}" for c, e in ELEMENTS]
)
def test_quote_is_in_the_seed(checklist: str, element) -> None:
    seed = _plain((SEEDS / element.source).read_text("utf-8"))
    for fragment in element.quote.split("..."):
        fragment = _plain(fragment).strip(" .\"'")
        assert fragment in seed, f"{checklist}:{element.id}: {fragment!r} not in {element.source}"


@pytest.mark.parametrize(
    ("checklist", "element"), ELEMENTS, ids=[f"{c}:{e.id}" for c, e in ELEMENTS]
)
def test_explain_works_for_every_element(checklist: str, element) -> None:
    result = CliRunner().invoke(cli, ["explain", element.id, "-c", checklist])
    assert result.exit_code == 0
    assert element.title in result.stdout and element.source in result.stdout
