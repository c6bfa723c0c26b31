"""Shared helpers for the run tests: small articles, a faulty component, row snapshots."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tests.store.test_kill import _rows as rows

__all__ = ["add_faults", "rows", "write_articles"]

_MINISTERS = [("Russian", "Sergei Lavrov", "Moscow"), ("Chinese", "Wang Yi", "Beijing"),
              ("French", "Jean Martin", "Paris"), ("Indian", "Ravi Kumar", "New Delhi"),
              ("German", "Anna Weber", "Berlin"), ("Kenyan", "Amina Otieno", "Nairobi")]
_VERBS = ["met", "held talks with", "criticized", "thanked", "accused", "praised"]


def write_articles(folder: Path, count: int, *, seed: int = 11) -> list[Path]:
    """``count`` short articles written for these tests (one file each)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        (a_nat, a_name, _), (b_nat, b_name, b_city) = rng.sample(_MINISTERS, 2)
        text = (
            f"Talks in {b_city}, report {i}\n\n"
            f"{a_nat} Foreign Minister {a_name} {_VERBS[i % len(_VERBS)]} his {b_nat} "
            f"counterpart {b_name} in {b_city} on Tuesday, officials said.\n\n"
            f"\"We discussed trade and security,\" {a_name.split()[-1]} told reporters, "
            f"adding that the two sides would meet again next month."
        )
        path = folder / f"art{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@Language.component("test_run_faults")
def _faults(doc: Doc) -> Doc:
    """Misbehave on marker words: raise, kill the process, loop, or block in C code."""
    text = doc.text
    if "BOOMWORD" in text:
        raise ValueError("boom on purpose")
    if "CRASHWORD" in text:
        os._exit(3)  # like a segfault: the process is gone without a word
    if "LOOPWORD" in text:
        while True:  # pure Python: the soft limit interrupts it
            pass
    if "STUCKWORD" in text:
        time.sleep(3600)  # inside C: only the hard limit (kill) stops it
    return doc


def add_faults(nlp: Language) -> None:
    """Worker setup hook: put the faulty component at the end of the pipeline."""
    if "test_run_faults" not in nlp.pipe_names:
        nlp.add_pipe("test_run_faults", last=True)
