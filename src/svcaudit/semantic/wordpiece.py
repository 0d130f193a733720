"""BERT's uncased WordPiece tokenizer, in plain Python, for the bundled MiniLM encoder.

The same steps as the reference ``BertTokenizer`` (lower case, accents stripped,
control characters dropped, CJK characters and punctuation split off, then greedy
longest-match-first word pieces with ``##`` continuations), so the encoder sees the
ids it was trained on. ``vocab.txt.gz`` beside this file is the model's own 30,522-entry
uncased vocabulary (all-MiniLM-L6-v2, Apache-2.0). Pieces are cached per word.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

CLS, SEP, UNK = "[CLS]", "[SEP]", "[UNK]"
_MAX_WORD = 100


class WordPiece:
    """Text -> token ids: ``encode(text, limit)`` gives ``[CLS] ... [SEP]`` ids."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.cls, self.sep, self.unk = vocab[CLS], vocab[SEP], vocab[UNK]
        self.pieces = lru_cache(maxsize=65536)(self._pieces)

    @classmethod
    def bundled(cls) -> WordPiece:
        raw = resources.files("svcaudit.semantic").joinpath("vocab.txt.gz").read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
        return cls({token: i for i, token in enumerate(lines)})

    def encode(self, text: str, limit: int = 128) -> list[int]:
        ids = [self.cls]
        for word in basic_tokens(text):
            ids.extend(self.pieces(word))
            if len(ids) >= limit - 1:
                del ids[limit - 1 :]
                break
        ids.append(self.sep)
        return ids

    def _pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD:
            return (self.unk,)
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return (self.unk,)
            start = end
        return tuple(out)


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-free words with each punctuation mark and CJK character apart."""
    text = unicodedata.normalize("NFD", text.lower())
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if _split(ch):
            if word:
                out.append("".join(word))
                word = []
            if not ch.isspace() and not _dropped(ch):
                out.append(ch)
        elif not _dropped(ch) and unicodedata.category(ch) != "Mn":
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


@lru_cache(maxsize=4096)
def _split(ch: str) -> bool:
    """Whitespace, punctuation (BERT counts all non-alphanumeric ASCII) and CJK split words."""
    cp = ord(ch)
    if ch.isspace() or unicodedata.category(ch) == "Zs":
        return True
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P") or _cjk(cp)


@lru_cache(maxsize=4096)
def _dropped(ch: str) -> bool:
    """NUL, the replacement character and control characters are removed."""
    cp = ord(ch)
    if cp in (0, 0xFFFD):
        return True
    return ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")


def _cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )
