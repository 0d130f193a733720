"""Finding transcript files: directories searched recursively, globs expanded, ``-`` for stdin.

Symbolic links to directories are not followed (a link loop cannot trap the walk).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Collection, Iterable, Iterator

from svcaudit.model import LoadError

_MAGIC = re.compile(r"[*?[]")


def discover(paths: Iterable[str], suffixes: Collection[str]) -> Iterator[str | LoadError]:
    """Files to read: directories searched recursively, globs expanded, `-` for stdin.

    Directory and glob results are sorted, hidden names, READMEs and unsupported suffixes left
    out; a file named on its own is always read. A path or glob that finds nothing is an error.
    """
    seen: set[str] = set()
    for arg in paths:
        for item in _expand(arg, suffixes):
            if isinstance(item, str):
                key = os.path.normpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _expand(arg: str, suffixes: Collection[str]) -> Iterator[str | LoadError]:
    if arg == "-" or os.path.isfile(arg):
        yield arg
        return
    if os.path.isdir(arg):
        found, problem = _walk(arg, suffixes), "no transcript files in this directory"
    elif _MAGIC.search(arg):
        found = [
            f for match in sorted(glob.glob(arg, recursive=True)) for f in _matched(match, suffixes)
        ]
        problem = "no transcript files match this pattern"
    else:
        found, problem = [], "no such file or directory"
    yield from found
    if not found:
        yield LoadError(arg, problem)


def _matched(path: str, suffixes: Collection[str]) -> list[str]:
    if os.path.isdir(path):
        return _walk(path, suffixes)
    return [path] if _wanted(os.path.basename(path), suffixes) else []


def _walk(root: str, suffixes: Collection[str]) -> list[str]:
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(folder, name) for name in sorted(files) if _wanted(name, suffixes)]
    return found


def _wanted(name: str, suffixes: Collection[str]) -> bool:
    stem, suffix = os.path.splitext(name)
    return not name.startswith(".") and stem.upper() != "README" and suffix.lower() in suffixes
