"""``extends``: a checklist built on another one, without copying it.

A team checklist names its base (a built-in id or a file, relative to the
team file) and lists only what changes: top-level keys override the base's;
an element whose ``id`` is in the base overrides the keys it gives; a new
``id`` adds an element at the end; ``drop`` removes elements; ``lexicon``
adds phrases and patterns to cues. Bases may extend further bases; a cycle
is an error. The merge is done on the YAML itself, so the merged checklist
is validated once, and each problem still points into the file it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svcaudit import yamlpos
from svcaudit.errors import ChecklistError
from svcaudit.model import Loc
from svcaudit.yamlpos import PosDict, PosList

MERGED_LATER = ("extends", "drop", "elements", "lexicon")


def expand(doc: Any, path: str, read: Any, chain: tuple[str, ...] = ()) -> Any:
    """Resolve ``doc``'s ``extends`` chain; ``read(ref, from_path)`` -> (text, label, key)."""
    if not isinstance(doc, PosDict):
        return doc
    _tag(doc, path)
    if "extends" not in doc:
        return doc
    ref = doc["extends"]
    loc = Loc(path, *doc.value_pos["extends"])
    if not isinstance(ref, str):
        raise ChecklistError(f"'extends' must be a checklist id or file, not {ref!r}", loc)
    text, label, key = read(ref, path)
    if key in chain:
        names = " -> ".join([*chain, key])
        raise ChecklistError(f"extends cycle: {names}", loc)
    base = expand(yamlpos.load(text, label), label, read, (*chain, key))
    if not isinstance(base, PosDict):
        raise ChecklistError(f"'{ref}' is not a checklist", loc)
    return merge(base, doc, path)


def _tag(doc: PosDict, path: str) -> None:
    """Remember which file each element came from."""
    for item in doc.get("elements") or ():
        if isinstance(item, PosDict) and not hasattr(item, "src"):
            item.src = path


def merge(base: PosDict, child: PosDict, path: str) -> PosDict:
    out = PosDict()
    out.pos, out.key_pos, out.value_pos = child.pos, {}, {}
    for source in (base, child):
        for key, value in source.items():
            if key not in MERGED_LATER or key == "drop":
                out[key] = value
                out.key_pos[key], out.value_pos[key] = source.key_pos[key], source.value_pos[key]
    out.pop("drop", None)
    elements = _merge_elements(base.get("elements"), child.get("elements"), path)
    elements = _drop(elements, child, path)
    _put(out, "elements", elements, child if "elements" in child else base)
    lexicon = _merge_lexicon(base.get("lexicon"), child.get("lexicon"))
    if lexicon:
        _put(out, "lexicon", lexicon, child if "lexicon" in child else base)
    return out


def _put(out: PosDict, key: str, value: Any, source: PosDict) -> None:
    out[key] = value
    out.key_pos[key] = source.key_pos.get(key, source.pos)
    out.value_pos[key] = source.value_pos.get(key, source.pos)


def _merge_elements(base: Any, child: Any, path: str) -> PosList:
    out = PosList(base if isinstance(base, list) else [])
    out.item_pos = list(getattr(base, "item_pos", [(1, 1)] * len(out)))
    index = {e.get("id"): i for i, e in enumerate(out) if isinstance(e, PosDict)}
    out.pos = getattr(child, "pos", getattr(base, "pos", (1, 1)))
    for item, pos in zip(child or (), getattr(child, "item_pos", ()), strict=False):
        if isinstance(item, PosDict) and item.get("id") in index:
            i = index[item["id"]]
            out[i] = _override(out[i], item, path)
            out.item_pos[i] = pos
        else:
            out.append(item)
            out.item_pos.append(pos)
    return out


def _override(base: PosDict, child: PosDict, path: str) -> PosDict:
    """The base element with the child's keys; inherited keys point at the child element."""
    out = PosDict({**base, **child})
    out.pos = child.pos
    out.key_pos = {k: child.key_pos.get(k, child.pos) for k in out}
    out.value_pos = {k: child.value_pos.get(k, child.pos) for k in out}
    out.src = path
    return out


def _drop(elements: PosList, child: PosDict, path: str) -> PosList:
    drop = child.get("drop") or []
    if not isinstance(drop, list):
        raise ChecklistError(
            "'drop' must be a list of element ids", Loc(path, *child.value_pos["drop"])
        )
    ids = [e.get("id") for e in elements if isinstance(e, PosDict)]
    for name, pos in zip(drop, getattr(drop, "item_pos", []), strict=False):
        if name not in ids:
            from svcaudit.checklist import suggest

            raise ChecklistError(
                f"drop: no element '{name}' to drop{suggest(str(name), map(str, ids))}",
                Loc(path, *pos),
            )
    kept = [
        (e, p)
        for e, p in zip(elements, elements.item_pos, strict=False)
        if not (isinstance(e, PosDict) and e.get("id") in drop)
    ]
    out = PosList(e for e, _ in kept)
    out.pos, out.item_pos = elements.pos, [p for _, p in kept]
    return out


def _merge_lexicon(base: Any, child: Any) -> PosDict | None:
    if not isinstance(base, PosDict):
        return child if isinstance(child, PosDict) else None
    if not isinstance(child, PosDict):
        return base
    out = PosDict(base)
    out.pos, out.key_pos, out.value_pos = child.pos, dict(base.key_pos), dict(base.value_pos)
    for cue, extra in child.items():
        old = out.get(cue)
        if isinstance(old, PosDict) and isinstance(extra, PosDict):
            merged = PosDict(
                {k: [*(old.get(k) or []), *(extra.get(k) or [])] for k in {*old, *extra}}
            )
            merged.pos, merged.key_pos, merged.value_pos = extra.pos, {}, {}
            for k in merged:
                merged.key_pos[k] = extra.key_pos.get(k, old.key_pos.get(k, extra.pos))
                merged.value_pos[k] = extra.value_pos.get(k, old.value_pos.get(k, extra.pos))
            extra = merged
        out[cue] = extra
        out.key_pos[cue], out.value_pos[cue] = child.key_pos[cue], child.value_pos[cue]
    return out


def relative(ref: str, from_path: str) -> Path:
    """A file reference relative to the checklist that names it."""
    candidate = Path(ref)
    if candidate.is_absolute():
        return candidate
    return Path(from_path).parent / candidate
