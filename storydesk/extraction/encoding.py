"""Bytes to text: binary detection and encoding detection.

Pages come from anywhere: a declared charset can be wrong, missing or absent altogether, so the order is
BOM, strict UTF-8, the page's own ``<meta charset>``, then charset_normalizer's statistical guess.
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInputError, DecodeError, EmptyInputError
from .safety import note_clean

__all__ = ["check_not_binary", "decode_bytes", "to_utf8", "wide_encoding"]

# magic numbers of formats people drop into a folder of articles by mistake
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00", "binary media file"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.IGNORECASE
)
# C0 controls other than tab/newline/CR/FF: text files hardly ever contain them. ESC is left out: text
# with terminal escape sequences (colour codes in a log-like scrape) is text; the extractor strips them
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 64 * 1024
# In UTF-8, the characters safety.clean_paragraph removes or maps are these single bytes (C0 controls
# other than tab, newline and CR; DEL) and the two-byte forms of U+0080-U+009F (0xC2 then 0x80-0x9F).
_UNSAFE_UTF8 = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def check_not_binary(data: bytes, *, source: str = "") -> None:
    """Raise :class:`BinaryInputError` for images, archives, executables and other non-text bytes."""
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return  # UTF-16/32 text has NUL bytes by design
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"binary file ({what}), not text or HTML", source=source)
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInputError("binary file (contains NUL bytes), not text or HTML", source=source)
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # one pass, not one per byte value
    if controls > max(8, len(sample) // 100):
        raise BinaryInputError("binary file (many control bytes), not text or HTML", source=source)


def wide_encoding(data: bytes) -> str | None:
    """The codec of UTF-16/UTF-32 text, with or without a byte-order mark; None for anything else.

    Without a mark, UTF-16 is told by its NUL bytes: Latin-script UTF-16 has one in every other byte
    (odd positions: little-endian, even: big-endian), which the binary check would otherwise reject."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return None if name == "utf-8-sig" else name
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    name = ("utf-16-le" if odd > 0.6 * half and even < 0.02 * half
            else "utf-16-be" if even > 0.6 * half and odd < 0.02 * half else None)
    if name is None or any(sample.startswith(magic) for magic, _ in _MAGIC):
        return None
    # arrays of small 16-bit numbers have the same NUL pattern: text is nearly all printable
    text = sample[: half * 2].decode(name, "replace")
    shown = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return name if shown >= 0.95 * len(text) else None


def _wide_text(data: bytes, name: str, source: str) -> str:
    if name.endswith(("-le", "-be")) and len(data) % 2:
        data = data[:-1]  # a cut file: the last half character
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"bytes that look like {name} do not decode as it", source=source) from exc


def to_utf8(data: bytes, *, source: str = "") -> bytes:
    """``data`` re-encoded as UTF-8 when it is UTF-16/32 text, else unchanged: the JSON, JSONL and WARC
    readers split bytes on ASCII newlines and braces, which UTF-16 does not have."""
    name = wide_encoding(data)
    return data if name is None else _wide_text(data, name, source).encode("utf-8")


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, source: str = "", html: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Raises :class:`EmptyInputError`, :class:`BinaryInputError` or :class:`DecodeError`.
    """
    wide = wide_encoding(data)
    if wide is not None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _wide_text(data, wide, source)
        if not text.strip():
            raise EmptyInputError("the input is empty", source=source)
        return text, wide
    check_not_binary(data, source=source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"bytes do not match their {name} byte-order mark", source=source) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if html and len(data.translate(None, _UNSAFE_UTF8)) == len(data) and (
            b"\xc2" not in data or _C1_UTF8.search(data) is None
        ):
            note_clean(text)  # the HTML reader's clean pass over the whole page can skip its scan
        return text, "utf-8"
    if html:
        declared = _declared_charset(data)
        # a page declaring UTF-8 that is not valid UTF-8 is mis-declared: fall through to guessing
        if declared and declared not in ("utf-8", "utf_8"):
            # browsers read a declared Latin-1 as Windows-1252 (WHATWG encoding standard): curly quotes
            # and dashes in 0x80-0x9f are common on such pages
            if declared in ("latin-1", "iso8859-1", "ascii"):
                try:
                    return data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    pass
            try:
                return data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass
    # A UTF-8 page with a handful of broken sequences (a cut multi-byte character, one pasted Latin-1
    # word) is still UTF-8: statistical guessers then pick a wrong single-byte code page for all of it.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") - data.count("\ufffd".encode()) <= max(3, len(data) // 5000):
        return lenient, "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: no text encoding explains them", source=source)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        # the guess came from a prefix; the rest may disagree: keep what decodes, mark the rest
        text = data.decode(best.encoding, errors="replace")
        if text.count("\ufffd") > max(16, len(text) // 50):
            raise DecodeError(
                f"undecodable bytes (best guess {best.encoding} fails)", source=source
            ) from None
    return text, best.encoding
