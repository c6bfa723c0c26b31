"""Byte decoding: BOMs, UTF-8, UTF-16, cp1252/Latin-1, declared charsets, binary input."""

from __future__ import annotations

import codecs
import os

import pytest

from communique.errors import BinaryInputError, EmptyInputError
from communique.ingest.decoding import binary_kind, decode_bytes

TEXT = "The caf\u00e9 owner told the mayor \u201cno\u201d \u2013 twice, na\u00efvely.\n"


def test_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "x") == (TEXT, "utf-8")


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "x") == (TEXT, "utf-8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, _ = decode_bytes(data, "x")
    assert text == TEXT


def test_utf16_without_bom() -> None:
    text, encoding = decode_bytes(("Plain ASCII words in UTF-16. " * 5).encode("utf-16-le"), "x")
    assert encoding == "utf-16-le" and text.startswith("Plain ASCII words")


def test_cp1252() -> None:
    text, encoding = decode_bytes(TEXT.encode("cp1252"), "x")
    assert (text, encoding) == (TEXT, "cp1252")


def test_latin1() -> None:
    source = "Z\u00fcrich: the \u00a9 notice and the \u00bd price, said M. Ren\u00e9e.\n"
    assert decode_bytes(source.encode("latin-1"), "x")[0] == source


def test_mixed_utf8_with_stray_cp1252_bytes() -> None:
    data = "Caf\u00e9 owners".encode() + b" said \x93no\x94 on Monday."
    assert decode_bytes(data, "x")[0] == "Caf\u00e9 owners said \u201cno\u201d on Monday."


def test_html_meta_charset() -> None:
    russian = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b"
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{russian}</p></body></html>'
    text, encoding = decode_bytes(page.encode("cp1251"), "x", html=True)
    assert russian in text and encoding == "cp1251"
    old_style = page.replace('charset="windows-1251"',
                             'http-equiv="Content-Type" content="text/html; charset=koi8-r"')
    text, encoding = decode_bytes(old_style.encode("koi8-r"), "x", html=True)
    assert russian in text and encoding == "koi8-r"


def test_declared_charset_wins_over_guess() -> None:
    greek = "\u0397 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3\u03b7 \u03b1\u03bd\u03ad"
    text, encoding = decode_bytes(greek.encode("iso-8859-7"), "x", declared="iso-8859-7")
    assert text == greek and encoding == "iso8859-7"


def test_mislabelled_utf8_page_stays_utf8() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{TEXT}</body></html>'
    assert TEXT in decode_bytes(page.encode("utf-8"), "x", html=True)[0]


def test_cyrillic_without_label_is_detected() -> None:
    russian = ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442"
               "\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0437\u0430\u044f"
               "\u0432\u0438\u043b \u0436\u0443\u0440\u043d\u0430\u043b\u0438\u0441\u0442"
               "\u0430\u043c \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a. ") * 8
    text, _ = decode_bytes(russian.encode("cp1251"), "x")
    assert text == russian


@pytest.mark.parametrize("data", [b"", b"   \n\t ", codecs.BOM_UTF8 + b"  "])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(data, "x")


def test_random_bytes_are_binary() -> None:
    with pytest.raises(BinaryInputError) as info:
        decode_bytes(os.urandom(5000), "where.bin")
    assert info.value.where == "where.bin"


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.4\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x7fELF\x02\x01", "executable"),
    ],
)
def test_binary_signatures(data: bytes, word: str) -> None:
    kind = binary_kind(data)
    assert kind is not None and word in kind
    with pytest.raises(BinaryInputError, match=word):
        decode_bytes(data, "x")


def test_text_is_not_binary() -> None:
    assert binary_kind(TEXT.encode()) is None
    assert binary_kind(TEXT.encode("utf-16")) is None
    assert binary_kind(b"line one\r\nline two\tand a form feed\f") is None


def test_sparse_control_characters_are_dropped() -> None:
    data = ("A long enough sentence about the talks in Geneva. " * 10).encode() + b"\x07"
    text, _ = decode_bytes(data, "x")
    assert "\x07" not in text and text.startswith("A long enough sentence")
