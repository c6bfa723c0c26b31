"""Turn raw bytes into text: BOMs, UTF-8, legacy encodings, and binary detection."""

from __future__ import annotations

import codecs
import re

from communique.errors import BinaryInputError, EmptyInputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Share of control characters (after decoding) above which text is judged binary; real
# text has none, a random-byte file decoded as cp1252 has about 10%.
_MAX_CONTROL_SHARE = 0.01


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _check_text(text: str, where: str, encoding: str) -> str:
    if not text.strip():
        raise EmptyInputError(where, "the input is empty (no text after decoding)")
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            where,
            f"the input looks binary ({controls} control characters in the first "
            f"{len(sample)} decoded as {encoding}); pass text, HTML, JSON(L) or WARC files",
        )
    return _CONTROL.sub("", text) if controls else text


def decode_bytes(data: bytes, where: str, *, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text and return ``(text, encoding)``.

    Order of evidence: a byte-order mark, strict UTF-8, the HTML ``<meta charset>``,
    a UTF-16 byte pattern, statistical detection, then cp1252. Raises
    :class:`EmptyInputError` or :class:`BinaryInputError` when no text is there.
    """
    if not data.strip():
        raise EmptyInputError(where, "the input is empty")
    bom = _bom_encoding(data)
    if bom is not None:
        name, skip = bom
        try:
            return _check_text(data[skip:].decode(name), where, name), name
        except UnicodeDecodeError as exc:
            raise BinaryInputError(where, f"byte-order mark says {name} but decoding failed: {exc}")
    utf16 = _looks_utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _check_text(data.decode(utf16), where, utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8000]:
        raise BinaryInputError(where, "the input contains NUL bytes: it is binary, not text")
    try:
        return _check_text(data.decode("utf-8"), where, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            name = match.group(1).decode("ascii", "replace").lower()
            try:
                codecs.lookup(name)
                return _check_text(data.decode(name, errors="replace"), where, name), name
            except LookupError:
                pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector is an optional aid; cp1252 is the fallback
        best = None
    if best is not None and best.encoding:
        name = str(best.encoding)
        try:
            return _check_text(data.decode(name), where, name), name
        except (UnicodeDecodeError, LookupError):
            pass
    return _check_text(data.decode("cp1252", errors="replace"), where, "cp1252"), "cp1252"
