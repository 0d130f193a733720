"""The Dask recipe: the pure scoring core mapped over files on a real LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("dask", reason="the Dask recipe needs the extra: pip install 'svcaudit[dask]'")
distributed = pytest.importorskip(
    "distributed", reason="the Dask recipe needs the extra: pip install 'svcaudit[dask]'"
)

from svcaudit.cli import cli  # noqa: E402
from svcaudit.cluster import score_files, score_jsonl  # noqa: E402

SAMPLES = Path(__file__).parents[1] / "sample_transcripts"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def _cli_scores(*args: str) -> dict[str, float]:
    result = CliRunner().invoke(cli, ["score", *args, "-f", "jsonl", "--no-fail"])
    return {
        (c := json.loads(line))["transcript"]["id"]: c["score"]
        for line in result.stdout.splitlines()
    }


def test_dask_bag_over_files_scores_as_the_cli_does(client, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    records = score_files([str(SAMPLES), str(broken)], partition_size=4).compute()
    cards = {r["transcript"]["id"]: r["score"] for r in records if "error" not in r}
    assert cards == _cli_scores(str(SAMPLES))
    assert [r["error"]["path"] for r in records if "error" in r] == [str(broken)]


def test_dask_bag_over_jsonl_lines(client, tmp_path: Path) -> None:
    converted = CliRunner().invoke(cli, ["convert", str(SAMPLES / "excellent-call.json"),
                                         str(SAMPLES / "stolen-wallet.json")])  # fmt: skip
    path = tmp_path / "calls.jsonl"
    path.write_text(converted.stdout + "not json\n", encoding="utf-8")
    records = score_jsonl(str(path), blocksize="1KiB").compute()
    scores = {r["transcript"]["id"]: r["score"] for r in records if "error" not in r}
    assert scores == _cli_scores(
        str(SAMPLES / "excellent-call.json"), str(SAMPLES / "stolen-wallet.json")
    )
    assert sum("error" in r for r in records) == 1
