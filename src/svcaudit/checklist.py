"""Checklists: YAML with positions -> a validated, frozen :class:`Checklist`.

Every problem is reported as ``path:line:col: error: message``; all problems
of a file are collected before the load fails. Unknown keys, kinds and cue
names get a "did you mean" suggestion. Each rule kind's own keys and their
types come from ``dataclasses.fields`` of the kind's ``Params``, so kinds do
not parse YAML themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from svcaudit import inherit, schema, yamlpos
from svcaudit.cues import CUES
from svcaudit.errors import ChecklistError
from svcaudit.model import Checklist, Element, Loc, Window
from svcaudit.patterns import problem as check_pattern
from svcaudit.rules import KINDS
from svcaudit.schema import Problems, suggest
from svcaudit.yamlpos import PosDict, PosList

DEFAULT = "quality-service"
TOP_KEYS = (
    "id",
    "title",
    "version",
    "source",
    "description",
    "pass_mark",
    "elements",
    "extends",
    "drop",
    "lexicon",
)
ELEMENT_KEYS = (
    "id",
    "title",
    "kind",
    "weight",
    "critical",
    "window",
    "description",
    "guidance",
    "source",
    "quote",
    "better",
)
MAX_BYTES = 1_000_000


def builtin_dir() -> Path:
    """The built-in checklists: in the installed package, or ``checklists/`` of a checkout."""
    installed = Path(str(resources.files("svcaudit"))) / "_checklists"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "checklists"


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve(ref: str) -> Path:
    """A checklist id or file name -> its file."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise ChecklistError("checklist file not found", Loc(ref))
        return path
    ids = builtin_ids()
    if ref not in ids:
        raise ChecklistError(
            f"unknown checklist '{ref}'{suggest(ref, ids)}; built-in: {', '.join(ids)}"
        )
    return builtin_dir() / f"{ref}.yaml"


@lru_cache(maxsize=16)
def load_checklist(ref: str = DEFAULT) -> Checklist:
    """Load a built-in checklist by id, or a checklist file by path."""
    path = resolve(ref)
    label = ref if not Path(ref).is_absolute() and Path(ref).exists() else str(path)
    return parse(_read(path, label), label)


def _read(path: Path, label: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ChecklistError(f"cannot read checklist: {err.strerror}", Loc(label)) from None
    if len(data) > MAX_BYTES:
        raise ChecklistError(f"checklist larger than {MAX_BYTES} bytes", Loc(label))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ChecklistError(f"not UTF-8 text (byte {err.start})", Loc(label)) from None


def _read_base(ref: str, from_path: str) -> tuple[str, str, str]:
    """An ``extends`` reference: a file beside the checklist, else a built-in id."""
    path = inherit.relative(ref, from_path)
    if not path.is_file() and ref in builtin_ids():
        path = builtin_dir() / f"{ref}.yaml"
    if not path.is_file():
        hint = suggest(ref, builtin_ids())
        raise ChecklistError(f"extends: no checklist '{ref}'{hint}", Loc(from_path))
    return _read(path, str(path)), str(path), str(path.resolve())


def parse(text: str, path: str) -> Checklist:
    """Validate checklist YAML ``text`` read from ``path``."""
    doc = inherit.expand(yamlpos.load(text, path), path, _read_base, (str(Path(path).resolve()),))
    problems = Problems(path)
    if not isinstance(doc, PosDict):
        problems.add("a checklist must be a mapping with 'id', 'title' and 'elements'", (1, 1))
        problems.raise_any()
    schema.unknown(doc, TOP_KEYS, problems, "checklist")
    for key in ("id", "title", "elements"):
        if key not in doc:
            problems.add(f"missing key '{key}'", doc.pos)
    elements = tuple(_elements(doc.get("elements"), doc, problems))
    pass_mark = schema.number(doc, "pass_mark", 70.0, problems)
    if not 0 <= pass_mark <= 100:
        problems.add(
            f"pass_mark must be between 0 and 100, not {pass_mark:g}", doc.value_pos["pass_mark"]
        )
    version = doc.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        problems.add(f"version must be an integer, not {version!r}", doc.value_pos.get("version"))
    lexicon = _lexicon(doc.get("lexicon"), doc, problems)
    problems.raise_any()
    return Checklist(
        id=str(doc["id"]),
        title=str(doc["title"]),
        version=version,
        elements=elements,
        pass_mark=pass_mark,
        source=str(doc.get("source", "")),
        description=str(doc.get("description", "")).strip(),
        path=path,
        lexicon=lexicon,
    )


def _lexicon(
    raw: Any, doc: PosDict, problems: Problems
) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """``lexicon: {cue: {phrases: [...], patterns: [...]}}``: a team's own words for cues."""
    if raw is None:
        return ()
    if not isinstance(raw, PosDict):
        problems.add(
            "'lexicon' must map cue names to phrases and patterns", doc.value_pos.get("lexicon")
        )
        return ()
    out = []
    for cue, entry in raw.items():
        if cue not in CUES:
            problems.add(f"lexicon: unknown cue '{cue}'{suggest(cue, CUES)}", raw.key_pos[cue])
            continue
        if not isinstance(entry, PosDict):
            problems.add(
                f"lexicon: '{cue}' must have 'phrases' and/or 'patterns'", raw.value_pos[cue]
            )
            continue
        schema.unknown(entry, ("phrases", "patterns"), problems, f"lexicon '{cue}'")
        phrases = schema.strings(entry, "phrases", problems, cue)
        patterns = schema.strings(entry, "patterns", problems, cue)
        for pattern, pos in zip(
            patterns, getattr(entry.get("patterns"), "item_pos", []), strict=False
        ):
            why = check_pattern(pattern)
            if why:
                problems.add(f"lexicon '{cue}': {why}", pos)
        out.append((cue, phrases, patterns))
    return tuple(out)


def _elements(raw: Any, doc: PosDict, problems: Problems) -> Iterator[Element]:
    if raw is None:
        return
    if not isinstance(raw, PosList) or not raw:
        problems.add("'elements' must be a non-empty list", doc.value_pos.get("elements"))
        return
    seen: set[str] = set()
    own_path = problems.path
    for item, pos in zip(raw, raw.item_pos, strict=False):
        if not isinstance(item, PosDict):
            problems.add("an element must be a mapping", pos)
            continue
        problems.path = getattr(item, "src", own_path)  # an inherited element: its own file
        element = _element(item, problems)
        problems.path = own_path
        if element is None:
            continue
        if element.id in seen:
            problems.add(f"duplicate element id '{element.id}'", item.value_pos["id"])
        seen.add(element.id)
        yield element


def _element(item: PosDict, problems: Problems) -> Element | None:
    eid = str(item.get("id", "?"))
    before = len(problems.items)
    for key in ("id", "title", "kind"):
        if key not in item:
            problems.add(f"element '{eid}': missing key '{key}'", item.pos)
    kind = KINDS.get(str(item.get("kind")))
    if "kind" in item and kind is None:
        hint = suggest(item["kind"], KINDS)
        problems.add(
            f"element '{eid}': unknown kind '{item['kind']}'{hint}", item.value_pos["kind"]
        )
    own = [f.name for f in dataclasses.fields(kind.Params)] if kind else []
    schema.unknown(item, (*ELEMENT_KEYS, *own), problems, f"element '{eid}'")
    weight = schema.number(item, "weight", 1.0, problems)
    if weight < 0:
        problems.add(
            f"element '{eid}': weight must be 0 or more, not {weight:g}", item.value_pos["weight"]
        )
    critical = schema.typed(item, "critical", bool, False, problems, eid)
    window = (
        schema.build(Window, item["window"], item.value_pos["window"], problems, eid)
        if "window" in item
        else Window()
    )
    params = schema.build(kind.Params, _own(item, own), item.pos, problems, eid) if kind else None
    if len(problems.items) > before:
        return None
    texts = {
        k: str(item.get(k, "")).strip()
        for k in ("description", "guidance", "source", "quote", "better")
    }
    return Element(
        id=eid,
        title=str(item["title"]),
        kind=str(item["kind"]),
        params=params,
        weight=weight,
        critical=critical,
        window=window,
        loc=Loc(problems.path, *item.pos),
        **texts,
    )


def _own(item: PosDict, names: list[str]) -> PosDict:
    out = PosDict({k: v for k, v in item.items() if k in names})
    out.pos = item.pos
    out.key_pos = {k: item.key_pos[k] for k in out}
    out.value_pos = {k: item.value_pos[k] for k in out}
    return out
