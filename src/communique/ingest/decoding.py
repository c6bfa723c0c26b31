"""Turn raw bytes into text: BOMs, UTF-8, legacy encodings, and binary detection.

Only input that is binary (a known binary signature, NUL or control bytes) or that no
encoding turns into text is an error; everything else decodes, if need be with the
Windows-1252 fallback that covers the legacy Western pages news archives are full of.
"""

from __future__ import annotations

import codecs
import re

from communique.errors import BinaryInputError, EmptyInputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32-LE first: its BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of the binary formats people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old MS Office document"),
    (b"\x7fELF", "an executable"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 control characters other than tab, newline, carriage return, form feed and ESC.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# Share of control characters above which input is judged binary. Real text has none
# (a stray form feed or two at most); random bytes have about 11% (28 of 256 values).
_MAX_CONTROL_SHARE = 0.01
# How much of the input the binary and encoding checks look at.
_HEAD = 8192
# Western-European text in cp1252 has few non-ASCII letters (French ~4%, German ~2%,
# Icelandic ~12% of letters); Cyrillic, Greek or CJK bytes read as cp1252 give 60-100%.
# Above this share the statistical detector decides instead (measured on short samples:
# charset-normalizer alone calls a 50-byte cp1252 sentence cp775 or cp1250).
_MAX_WESTERN_NON_ASCII = 0.3
_UNICODE_ONLY = ("utf-16", "utf-32", "utf_16", "utf_32", "utf16", "utf32")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes cp1252 leaves undefined become their Latin-1 characters."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(b) for b in exc.object[exc.start : exc.end]), exc.end


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes invalid in UTF-8 are read as cp1252 (mixed-encoding dumps)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = bytes(exc.object[exc.start : exc.end])
    return bad.decode("cp1252", errors=LATIN1_FALLBACK), exc.end


LATIN1_FALLBACK = "communique-latin1"
CP1252_FALLBACK = "communique-cp1252"
codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)
codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a byte-order mark at the start of ``data`` and the BOM length."""
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


def binary_kind(head: bytes) -> str | None:
    """Say what binary content ``head`` (the first bytes of an input) is, or ``None`` for text.

    Text in UTF-16/32 (with a BOM, or Latin-script UTF-16 without one) is not binary.
    """
    if bom_encoding(head) is not None:
        return None
    for magic, description in _MAGIC:
        if head.startswith(magic):
            return description
    if _looks_utf16_without_bom(head) is not None:
        return None
    sample = head[:_HEAD]
    # A stray NUL in a text file is removed like any other control character (as in JSON
    # text); only a share of them above text's makes the input binary.
    controls = len(_CONTROL_BYTES.findall(sample))
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        return f"binary data ({controls} control bytes in the first {len(sample)})"
    return None


def without_controls(text: str, where: str, encoding: str = "text") -> str:
    """``text`` without C0 control characters (a stray NUL or BEL), or BinaryInputError
    when there are more of them than text ever has. Used for decoded files, JSON text
    fields and pasted text alike."""
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            where,
            f"the input looks binary ({controls} control characters in the first "
            f"{len(sample)} decoded as {encoding}); pass text, HTML, JSON(L) or WARC files",
        )
    return _CONTROL.sub("", text) if controls else text


def _check_text(text: str, where: str, encoding: str) -> str:
    if not text.strip():
        raise EmptyInputError(where, "the input is empty (no text after decoding)")
    return without_controls(text, where, encoding)


def _usable_codec(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    # A page that declares UTF-16 but is 8-bit (it reached here) or declares UTF-8 but
    # failed strict UTF-8 is mislabelled: the label is no evidence.
    if canonical.startswith(_UNICODE_ONLY) or canonical in ("utf-8", "utf_8"):
        return None
    return canonical


def _western_share(text: str) -> float:
    letters = [ch for ch in text[:20_000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters)


def decode_bytes(
    data: bytes, where: str, *, html: bool = False, declared: str | None = None
) -> tuple[str, str]:
    """Decode ``data`` to text and return ``(text, encoding)``.

    Order of evidence: a byte-order mark; binary signatures and NUL/control bytes
    (error); a UTF-16 byte pattern; strict UTF-8; the ``declared`` charset (HTTP
    header) or, for HTML, ``<meta charset>``; UTF-8 with a cp1252 fallback for text
    that reads as Western-European; statistical detection; cp1252. Raises
    :class:`EmptyInputError` or :class:`BinaryInputError` when no text is there.
    """
    if not data.strip():
        raise EmptyInputError(where, "the input is empty")
    bom = bom_encoding(data)
    if bom is not None:
        name, skip = bom
        try:
            return _check_text(data[skip:].decode(name), where, name), name
        except UnicodeDecodeError as exc:
            raise BinaryInputError(
                where, f"byte-order mark says {name} but decoding failed ({exc.reason})"
            ) from None
    utf16 = _looks_utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _check_text(data.decode(utf16), where, utf16), utf16
        except UnicodeDecodeError:
            pass
    kind = binary_kind(data[:_HEAD])
    if kind is not None:
        raise BinaryInputError(where, f"the input is {kind}, not text")
    try:
        return _check_text(data.decode("utf-8"), where, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    labels: list[str] = [declared] if declared else []
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            labels.append(match.group(1).decode("ascii", "replace"))
    for label in labels:
        codec = _usable_codec(label.strip().lower())
        if codec is not None:
            return _check_text(data.decode(codec, errors="replace"), where, codec), codec
    mixed = data.decode("utf-8", errors=CP1252_FALLBACK)
    if _western_share(mixed) <= _MAX_WESTERN_NON_ASCII:
        return _check_text(mixed, where, "cp1252"), "cp1252"
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
    return _check_text(mixed, where, "cp1252"), "cp1252"
