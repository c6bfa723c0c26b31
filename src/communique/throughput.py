"""Throughput and memory benchmark: the full pipeline against bare ``nlp.pipe``.

Both runs use the same model and the same articles in the same process, so the
ratio is meaningful on any machine; absolute speeds are reported for context only.
"""

from __future__ import annotations

import json
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import UsageError

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class BenchResult:
    """Figures from one benchmark run."""

    articles: int
    characters: int
    model: str
    bare_seconds: float
    full_seconds: float
    bare_articles_per_s: float
    full_articles_per_s: float
    ratio: float
    peak_rss_mb: float
    stage_seconds: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _load_texts(path: Path, limit: int) -> list[str]:
    """Raw article bodies (before cleaning) from a JSONL file."""
    texts: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            body = record.get("text") or record.get("content")
            if body:
                texts.append(str(body))
            if len(texts) >= limit:
                break
    if not texts:
        raise UsageError(f"{path}: no JSON records with text to benchmark on")
    return texts


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(
    path: str | Path, *, limit: int = 200, model: str | None = None, batch_size: int = 16
) -> BenchResult:
    """Time bare ``nlp.pipe`` and the full per-article pipeline on the same articles."""
    import spacy

    from communique.article import Source
    from communique.extract import process
    from communique.ingest.types import RawDocument
    from communique.nlp.pipeline import load_pipeline, model_description, resolve_model_name

    texts = _load_texts(Path(path), limit)
    name = resolve_model_name(model)
    bare = spacy.load(name)
    full = load_pipeline(name)
    # Warm both pipelines up so that neither pays first-call costs inside the timing.
    list(bare.pipe(texts[:4]))
    docs = [RawDocument(Source(str(path), record=i), t, "text") for i, t in enumerate(texts)]
    list(process(docs[:4], nlp=full))

    # The baseline parses the same articles' clean text (stricter than raw text, which
    # is longer), and the two runs alternate chunk by chunk so that load from other
    # processes on the machine affects both alike.
    from communique.prepare import prepare

    clean_texts = [prepare(d).article.text for d in docs]
    chunk = max(1, batch_size * 2)
    bare_s = full_s = 0.0
    for begin in range(0, len(docs), chunk):
        start = time.perf_counter()
        for _ in bare.pipe(clean_texts[begin : begin + chunk], batch_size=batch_size):
            pass
        bare_s += time.perf_counter() - start
        start = time.perf_counter()
        for _ in process(iter(docs[begin : begin + chunk]), nlp=full, batch_size=batch_size):
            pass
        full_s += time.perf_counter() - start
    stages = stage_times(docs, full, batch_size=batch_size)
    n = len(texts)
    return BenchResult(
        articles=n,
        characters=sum(len(t) for t in texts),
        model=model_description(full),
        bare_seconds=round(bare_s, 3),
        full_seconds=round(full_s, 3),
        bare_articles_per_s=round(n / bare_s, 2),
        full_articles_per_s=round(n / full_s, 2),
        ratio=round(bare_s / full_s, 3),
        peak_rss_mb=round(peak_rss_mb(), 1),
        stage_seconds=stages,
    )


def stage_times(
    docs: list[Any], nlp: Language, *, batch_size: int = 16
) -> dict[str, float]:
    """Seconds spent in each stage: preparing (read/clean), parsing, each component.

    Communique's own components are timed one by one on the parsed docs, in pipeline
    order, so each figure is that stage's share of the end-to-end budget.
    """
    from communique.document import structure_of
    from communique.nlp.components import LATE_COMPONENTS
    from communique.prepare import prepare

    timings: dict[str, float] = {}
    start = time.perf_counter()
    prepared = [prepare(d) for d in docs]
    timings["prepare"] = time.perf_counter() - start
    late = [name for name in LATE_COMPONENTS if name in nlp.pipe_names]
    parsed = []
    start = time.perf_counter()
    with nlp.select_pipes(disable=late):
        inputs = []
        for item in prepared:
            doc = nlp.make_doc(item.article.text)
            doc._.communique_structure = structure_of(item)
            inputs.append(doc)
        parsed = list(nlp.pipe(inputs, batch_size=batch_size))
    timings["spacy"] = time.perf_counter() - start
    for name in late:
        component = nlp.get_pipe(name)
        start = time.perf_counter()
        parsed = [component(doc) for doc in parsed]
        timings[name] = time.perf_counter() - start
    return {name: round(seconds, 3) for name, seconds in timings.items()}
