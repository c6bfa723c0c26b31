"""The public ``communique.extract`` API (issue 20, items 3 and 9).

Wrong argument types and missing paths fail at once, with an error that says what is
accepted, before the spaCy model is loaded (seconds); pasted text is still processed.
Articles that reuse an id with another text are kept under a derived id.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import communique
from communique.article import derived_id
from communique.errors import InputError
from tests.ingest.inputs import EN_TEXT, EN_TEXT_2


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to load a spaCy pipeline."""
    from communique.nlp import pipeline

    def refuse(model: str | None = None) -> Any:
        raise AssertionError("the spaCy model was loaded before the argument was checked")

    monkeypatch.setattr(pipeline, "load_pipeline", refuse)


@pytest.mark.parametrize("value", [
    None, b"Russia attacked Ukraine on Monday.", bytearray(b"text"), memoryview(b"text"),
    {"a": 1}, 42, 3.5, object(), [b"a.txt"], [None], ["a.txt", 7], (Path("a.txt"), {}),
])
def test_wrong_types_raise_type_error_before_the_model(value: Any, no_model: None) -> None:
    with pytest.raises(TypeError) as info:
        communique.extract(value)
    message = str(info.value)
    # The message names what is accepted, and what was given.
    assert "str" in message and "PathLike" in message and "list" in message, message
    assert "not iterable" not in message and "no such file" not in message


def test_wrong_type_is_not_a_communique_input_error(no_model: None) -> None:
    with pytest.raises(TypeError) as info:
        communique.extract(None)  # type: ignore[arg-type]
    assert not isinstance(info.value, InputError)
    assert "NoneType" in str(info.value)


@pytest.mark.parametrize("value", [
    "/no/such/file.txt", "no_such_article.html", "missing.htm", "feed.json", "feed.jsonl",
    "dump.warc", "dump.warc.gz", "NOTES.TXT", "data/in/feed", "C:\\news\\a.htm",
    "/home/me/My Articles/story.txt",
])
def test_missing_path_raises_file_not_found_before_the_model(
    value: str, no_model: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as info:
        communique.extract(value)
    error = info.value
    # Also an InputError, so the CLI and callers catching communique's errors see it.
    assert isinstance(error, InputError)
    assert error.where == value and "no such file" in error.reason
    assert str(error) == f"{value}: {error.reason}"
    assert "\n" not in str(error)


def test_missing_pathlike_and_list_raise_file_not_found(
    no_model: None, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError):
        communique.extract(tmp_path / "gone.txt")
    with pytest.raises(FileNotFoundError):
        communique.extract([tmp_path / "gone.txt", str(tmp_path / "gone.html")])


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Russia attacked Ukraine on Monday, officials said.",
    "Officials in Kyiv/Kharkiv said Russia attacked on Monday.",
    "The ministry published the full report on Monday: see annex.txt",
    "Hello",
])
def test_pasted_text_is_still_text(text: str) -> None:
    [document] = communique.extract(text)
    assert document["article"]["text"].strip() == text
    assert document["article"]["source"] == {"path": "<text>"}


@pytest.mark.usefixtures("nlp")
def test_existing_relative_path_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    [document] = communique.extract("a.txt")
    assert document["article"]["text"] == EN_TEXT


def _jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.mark.usefixtures("nlp")
def test_reused_id_with_other_text_gets_a_derived_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    a = _jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": EN_TEXT_2}])
    b = _jsonl(tmp_path / "b.jsonl", [{"id": "1", "text": EN_TEXT}])
    copy = _jsonl(tmp_path / "copy.jsonl", [{"id": "1", "text": EN_TEXT_2}])
    with caplog.at_level("WARNING", logger="communique.extract"):
        docs = communique.extract([a, b, copy, b])
    ids = [d["article"]["id"] for d in docs]
    new_id = derived_id("1", docs[1]["article"]["text"])
    assert new_id.startswith("1-") and new_id != "1"
    assert ids == ["1", new_id, "1", new_id]
    assert [bool(d.get("skipped")) for d in docs] == [False, False, True, True]
    assert docs[1]["article"]["text"] == EN_TEXT and docs[1]["events"]
    # One warning, naming the file and the original id (the later copy is a duplicate).
    [warning] = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"{b} record 1: ") and "'1'" in warning and new_id in warning
    # Deterministic: the same inputs give the same ids, event ids included.
    again = communique.extract([a, b])
    assert [d["article"]["id"] for d in again] == ["1", new_id]
    assert [e["id"] for e in again[1]["events"]] == [e["id"] for e in docs[1]["events"]]


@pytest.mark.usefixtures("nlp")
def test_what_a_folder_passes_over_is_logged(tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    """A folder with one article and a symbolic link that loops: the article comes back
    and the loop is named in a warning, not passed over in silence."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    with caplog.at_level("WARNING", logger="communique.extract"):
        docs = communique.extract(folder)
    assert [d["article"]["text"] for d in docs] == [EN_TEXT]
    [warning] = [r.getMessage() for r in caplog.records]
    assert "loop.txt" in warning and "loops" in warning and warning.endswith("(skipped)")
