"""``svcaudit calibrate``: kappa against hand arithmetic, the analyst's CSV, the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.calibrate import SCALE, agreement, cohen_kappa, weighted_kappa
from svcaudit.calibrate_csv import CsvError, read_human
from svcaudit.calibrate_report import band
from svcaudit.checklist import load_checklist
from svcaudit.cli import cli
from svcaudit.errors import UsageError
from svcaudit.model import Verdict

HERE = Path(__file__).parent
CALIBRATION = HERE / "calibration"
HUMAN = CALIBRATION / "human.csv"
SAMPLES = HERE.parents[0] / "sample_transcripts"
LABELS = ("pass", "partial", "fail", "na")
P, H, F, N = Verdict.PASS, Verdict.PARTIAL, Verdict.FAIL, Verdict.NA


def pairs_of(table: list[list[int]], labels: tuple[object, ...]) -> list[tuple[object, object]]:
    """A confusion table (rows rater A, columns rater B) as the list of pairs it counts."""
    return [
        (labels[i], labels[j])
        for i, row in enumerate(table)
        for j, count in enumerate(row)
        for _ in range(count)
    ]


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(cli, ["calibrate", *args], catch_exceptions=False)

    return invoke


# --- kappa ---------------------------------------------------------------------------------


def test_kappa_two_categories_by_hand() -> None:
    """Table [[20, 5], [10, 15]], n = 50 (rows rater A: yes 25, no 25; columns B: yes 30, no 20).

    po = (20 + 15) / 50 = 0.70
    pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.50
    kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    """
    assert cohen_kappa(pairs_of([[20, 5], [10, 15]], ("yes", "no"))) == pytest.approx(0.40)


def test_kappa_three_categories_by_hand() -> None:
    """Table (pass, partial, fail) [[10, 2, 0], [1, 4, 1], [0, 2, 5]], n = 25.

    po = (10 + 4 + 5) / 25 = 19/25 = 0.76
    rows 12, 6, 7; columns 11, 8, 6
    pe = (12*11 + 6*8 + 7*6) / 25^2 = (132 + 48 + 42) / 625 = 222/625 = 0.3552
    kappa = (0.76 - 0.3552) / (1 - 0.3552) = 0.4048 / 0.6448 = 253/403 = 0.62779...
    """
    pairs = pairs_of([[10, 2, 0], [1, 4, 1], [0, 2, 5]], (P, H, F))
    assert cohen_kappa(pairs) == pytest.approx(253 / 403)


def test_linearly_weighted_kappa_by_hand() -> None:
    """Same table; weights 1 on the diagonal, 1/2 one step apart, 0 for pass against fail.

    po_w = (19 + 0.5 * (2 + 1 + 1 + 2)) / 25 = 22/25 = 0.88
    pe_w = (222 + 0.5 * (12*8 + 6*11 + 6*6 + 7*8)) / 625 = (222 + 127) / 625 = 0.5584
    kappa_w = (0.88 - 0.5584) / (1 - 0.5584) = 0.3216 / 0.4416 = 0.72826...
    """
    pairs = pairs_of([[10, 2, 0], [1, 4, 1], [0, 2, 5]], (P, H, F))
    assert weighted_kappa(pairs, SCALE) == pytest.approx(0.3216 / 0.4416)


def test_weighted_kappa_leaves_na_out() -> None:
    pairs = pairs_of([[10, 2, 0], [1, 4, 1], [0, 2, 5]], (P, H, F))
    with_na = [*pairs, (N, P), (P, N), (N, N)]
    assert weighted_kappa(with_na, SCALE) == weighted_kappa(pairs, SCALE)
    assert agreement(with_na).weighted_n == len(pairs)


def test_perfect_agreement_is_one() -> None:
    assert cohen_kappa([(P, P), (F, F), (H, H), (N, N)]) == 1.0
    assert weighted_kappa([(P, P), (F, F)], SCALE) == 1.0


def test_kappa_is_undefined_when_chance_agreement_is_one() -> None:
    """Both gave 'pass' every time: po = pe = 1, so kappa = 0/0."""
    assert cohen_kappa([(P, P)] * 6) is None
    assert weighted_kappa([(P, P)] * 6, SCALE) is None
    assert cohen_kappa([]) is None
    result = agreement([(P, P)] * 6)
    assert result.kappa is None and result.percent == 100.0
    assert result.kappa_note == "undefined: both gave 'pass' every time, so chance agreement is 1"
    assert agreement([]).kappa_note == "no paired judgements"


def test_two_constant_raters_who_never_agree_have_kappa_zero() -> None:
    """Human always pass, tool always fail: po = 0, pe = 1*0 + 0*1 = 0, kappa = 0 (defined)."""
    assert cohen_kappa([(P, F)] * 4) == 0.0


def test_agreement_worse_than_chance_is_negative() -> None:
    assert cohen_kappa([(P, F), (F, P)]) == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("kappa", "name"),
    [(-0.1, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.45, "moderate"),
     (0.8, "substantial"), (0.81, "almost perfect"), (1.0, "almost perfect")],
)  # fmt: skip
def test_landis_and_koch_bands(kappa: float, name: str) -> None:
    assert band(kappa) == name


# --- the analyst's CSV ---------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "human.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_columns_by_name_and_verdict_synonyms(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Notes;Call ID;Element_ID;Result;Points\n"
        "x;c1;seek_data;Yes;80%\n"
        ";c1;Check understanding;not met;80\n"
        ";c1;supply-data;Partially;\n"
        ";c1;demonstrate_awareness;N/A;\n"
        ";c2;close_and_thank;0;\n",
    )
    human = read_human(path, load_checklist("quality-service"))
    assert human.verdicts == {
        "c1": {"seek_data": P, "check_understanding": F, "supply_data": H,
               "demonstrate_awareness": N},
        "c2": {"close_and_thank": F},
    }  # fmt: skip
    assert human.scores == {"c1": 80.0}
    assert human.lines == {"c1": 2, "c2": 6}


def test_every_problem_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "transcript,element,verdict,score\n"
        "c1,seek_data,pass,80\n"
        "c1,seek_dta,pass,80\n"
        "c1,supply_data,maybe,80\n"
        "c1,seek_data,fail,80\n"
        "c1,extend_service,pass,75\n"
        "c2,extend_service,pass,120\n",
    )
    with pytest.raises(CsvError) as caught:
        read_human(path, load_checklist("quality-service"))
    assert str(caught.value).splitlines() == [
        f"{path}:3:2: error: unknown element 'seek_dta' in checklist 'quality-service'"
        " (did you mean 'seek_data'?)",
        f"{path}:4:3: error: unknown verdict 'maybe' (expected pass, partial, fail or na)",
        f"{path}:5:2: error: a second verdict for 'c1' / 'seek_data' (first at line 2)",
        f"{path}:6:4: error: transcript 'c1': score 75 differs from 80 at line 2",
        f"{path}:7:4: error: score '120' is not between 0 and 100",
    ]


def test_a_close_misspelling_gets_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "id,item,rating\nc1,seek_data,parital\n")
    with pytest.raises(CsvError, match="did you mean 'partial'"):
        read_human(path, load_checklist("quality-service"))


def test_a_missing_column_is_an_error_on_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "transcript,element,grade\nc1,seek_data,pass\n")
    with pytest.raises(UsageError) as caught:
        read_human(path, load_checklist("quality-service"))
    assert str(caught.value) == (
        f"{path}:1: error: no verdict column (expected one of: verdict, result, rating)"
    )


# --- the command ---------------------------------------------------------------------------


def test_the_labelled_set_covers_every_element_of_every_transcript() -> None:
    checklist = load_checklist("quality-service")
    human = read_human(str(HUMAN), checklist)
    files = {p.stem for p in CALIBRATION.iterdir() if p.suffix in (".txt", ".json")}
    assert set(human.verdicts) == files and 6 <= len(files) <= 8
    ids = {e.id for e in checklist.elements}
    assert all(set(v) == ids for v in human.verdicts.values())
    assert set(human.scores) == files


def test_table_report(run) -> None:
    result = run(str(HUMAN), str(CALIBRATION))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    headings = (
        "Calibration:", "Overall: agreement", "kappa", "weighted kappa*",
        "Confusion of verdicts", "Where they disagree most", "svcaudit's reason",
    )  # fmt: skip
    assert all(heading in out for heading in headings)
    assert "8 transcripts judged by both · 80 paired judgements" in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert run(str(HUMAN), str(CALIBRATION)).stdout == out  # deterministic


def report(run, *args: str) -> dict:
    result = run(*args, "-f", "json")
    assert result.exit_code in (0, 3), result.stderr
    return json.loads(result.stdout)


def test_json_numbers_are_consistent(run) -> None:
    data = report(run, str(HUMAN), str(CALIBRATION))
    assert list(data) == ["schema_version", "checklist", "human", "overall", "elements",
                          "confusion", "disagreements", "missing", "errors"]  # fmt: skip
    overall, confusion = data["overall"], data["confusion"]
    total = sum(confusion[h][s] for h in LABELS for s in LABELS)
    diagonal = sum(confusion[v][v] for v in LABELS)
    assert overall["n"] == total == 80 and overall["transcripts"] == 8
    assert overall["agreed"] == diagonal
    assert overall["agreement"] == round(100 * diagonal / total, 1)
    rows = {h: sum(confusion[h].values()) for h in LABELS}
    cols = {s: sum(confusion[h][s] for h in LABELS) for s in LABELS}
    pe = sum(rows[v] * cols[v] for v in LABELS) / total**2
    assert overall["kappa"] == pytest.approx((diagonal / total - pe) / (1 - pe), abs=5e-4)
    elements = data["elements"]
    assert list(elements) == [e.id for e in load_checklist("quality-service").elements]
    assert sum(e["n"] for e in elements.values()) == overall["n"]
    for h in LABELS:
        for s in LABELS:
            assert sum(e["confusion"][h][s] for e in elements.values()) == confusion[h][s]
    for e in elements.values():
        assert sum(e["confusion"][h][s] for h in LABELS for s in LABELS) == e["n"] == 8
        assert e["agreed"] == sum(e["confusion"][v][v] for v in LABELS)
    assert overall["score_pairs"] == 8 and overall["mean_abs_score_diff"] >= 0


def test_disagreements_carry_svcaudit_evidence(run) -> None:
    data = report(run, str(HUMAN), str(CALIBRATION))
    found = data["disagreements"]
    assert 1 <= len(found) <= 5
    keys = [(-d["disagreements"], -abs(d["score_diff"] or 0)) for d in found]
    assert keys == sorted(keys)
    for item in found:
        assert item["disagreements"] == len(item["elements"])
        for element in item["elements"]:
            assert element["human"] != element["svcaudit"] and element["reason"]
    evidence = [ev for d in found for e in d["elements"] for ev in e["evidence"]]
    assert evidence and all({"turn", "speaker", "text"} <= set(ev) for ev in evidence)
    assert len(report(run, str(HUMAN), str(CALIBRATION), "--top", "2")["disagreements"]) == 2


def test_a_transcript_of_the_csv_not_scored_is_a_warning(run, tmp_path: Path) -> None:
    folder = tmp_path / "calibration"
    shutil.copytree(CALIBRATION, folder)
    human = folder / "human.csv"
    with human.open("a", encoding="utf-8") as out:
        out.write("cal-99-ghost,seek_data,pass,70,\n")
    result = run(str(human), str(folder), "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{human}:82: warning: transcript 'cal-99-ghost' not found among the scored transcripts\n"
    )
    assert json.loads(result.stdout)["missing"] == [{"transcript": "cal-99-ghost", "line": 82}]


def test_scored_transcripts_without_verdicts_are_counted_and_left_out(run) -> None:
    data = report(run, str(HUMAN), str(CALIBRATION), str(SAMPLES / "excellent-call.json"))
    assert data["overall"]["unlabelled"] == 1 and data["overall"]["n"] == 80


def test_an_unknown_verdict_exits_2_with_its_place(run, tmp_path: Path) -> None:
    path = write(tmp_path, "transcript,element,verdict\ncal-03-outage,seek_data,maybe\n")
    result = run(path, str(CALIBRATION))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"{path}:2:3: error: unknown verdict 'maybe' (expected pass, partial, fail or na)\n"
    )


def test_a_missing_csv_exits_2(run, tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.csv"), str(CALIBRATION))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.csv'}: error: cannot read human verdicts")


def test_an_unreadable_transcript_exits_3_and_the_rest_is_reported(run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "turns": [', encoding="utf-8")
    result = run(str(HUMAN), str(CALIBRATION), str(broken), "-f", "json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["overall"]["n"] == 80 and data["errors"][0]["path"] == str(broken)
    assert str(broken) in result.stderr


def test_a_folder_with_only_the_csv_exits_3(run, tmp_path: Path) -> None:
    shutil.copy(HUMAN, tmp_path / "human.csv")
    result = run(str(tmp_path / "human.csv"), str(tmp_path))
    assert result.exit_code == 3
    assert result.stderr.endswith("error: no transcripts found\n")


def test_calibrate_uses_the_configured_checklist(tmp_path, monkeypatch) -> None:
    """A checklist set in svcaudit.yaml applies to calibrate, as to score."""
    from click.testing import CliRunner

    from svcaudit.cli import cli

    here = Path(__file__).parent / "calibration"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svcaudit.yaml").write_text("checklist: balanced-service\n", encoding="utf-8")
    args = ["calibrate", str(here / "human.csv"), str(here), "-f", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2  # the analyst's element ids are quality-service's
    assert "balanced-service" in result.stderr


def test_the_hold_out_set_pairs_every_verdict(run) -> None:
    """tests/calibration-holdout/ (verdicts written before svcaudit ran) stays readable whole:
    every transcript found, every row paired; its agreement is quoted in bench/ACCURACY.md."""
    holdout = HERE / "calibration-holdout"
    data = report(run, str(holdout / "human.csv"), str(holdout))
    assert data["overall"]["n"] == 120 and not data["missing"]
    assert len(data["elements"]) == 10
