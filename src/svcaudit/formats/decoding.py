"""Bytes in: reading a transcript file and decoding it without losing a byte.

A BOM says UTF-8, UTF-16 or UTF-32; NUL bytes without one say binary; otherwise
UTF-8, falling back to cp1252 with a warning. A file over ``MAX_FILE_BYTES`` is
refused with the limit named.
"""

from __future__ import annotations

import codecs
import os
import sys

from svcaudit.errors import InputError
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Loc

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _keep_byte(err: UnicodeError) -> tuple[str, int]:
    """The five bytes cp1252 leaves undefined are kept as their Latin-1 characters."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("svcaudit-latin1", _keep_byte)


def decode(data: bytes, path: str) -> tuple[str, str | None]:
    """The text of a file, and a warning when it was not UTF-8.

    A BOM says UTF-8, UTF-16 or UTF-32; NUL bytes without one say binary; otherwise UTF-8,
    falling back to cp1252 without losing a byte.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as err:
                raise InputError(f"not valid {encoding.upper()}: {err.reason}", Loc(path)) from None
    if b"\x00" in data[:HEAD_SIZE]:
        raise InputError("binary file, not a transcript", Loc(path))
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="svcaudit-latin1"), "not UTF-8: read as cp1252"


MAX_FILE_BYTES = 100 * 1024 * 1024  # a transcript export larger than this is refused, not read


def _too_large(path: str) -> InputError:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return InputError(f"larger than the {limit} MB limit for one file: split the export", Loc(path))


def read_bytes(path: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``, up to the limit."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(MAX_FILE_BYTES + 1) if stream is not None else sys.stdin.read().encode()
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(path)
        return data
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise _too_large(path)
        with open(path, "rb") as file:
            return file.read()
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        raise InputError(reason, Loc(path)) from None
