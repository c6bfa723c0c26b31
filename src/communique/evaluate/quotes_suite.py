"""Suite ``quotes``: attribution extraction on PolNeAR dev, with textacy's quotations beside it.

Gold: PolNeAR brat standoff files (``attributions/*.ann``: ``Source``, ``Cue``, ``Content``
text-bound annotations joined by ``E`` lines). Their character offsets index the article text
files exactly (checked: every span's text equals the file's text at its offsets, discontinuous
spans joined). Articles annotated by several annotators keep the first annotation file in
name order, so every article counts once.

Matching: a prediction matches a gold attribution when their content word tokens (``\\w+``)
have an intersection over union of at least 0.5; pairs are matched one-to-one, best IoU first.
The speaker is right when the predicted speaker mention overlaps the gold Source or the
resolved name shares a capitalised word with it. Figures: on gold attributions whose content
holds a double quotation mark, recall and the speaker-right rate among matched; on all gold
attributions, recall and precision (every prediction counts, whatever its kind).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.evaluate.registry import EvalReport, Metric, register_suite

_WORD = re.compile(r"\w+")
_CAPITAL = re.compile(r"\b[A-Z][\w'’.-]*")
_QUOTE_CHARS = frozenset('"“”')
_MIN_IOU = 0.5


@dataclass
class GoldAttribution:
    """One PolNeAR attribution: content and source as lists of character segments."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    source_text: str
    quoted: bool


@dataclass
class Prediction:
    """One predicted attribution reduced to what the matching needs."""

    content: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    name: str
    kind: str
    act: str = "statement"


@dataclass
class Tally:
    """Counts for one system."""

    gold: int = 0
    gold_quoted: int = 0
    predicted: int = 0
    matched: int = 0
    matched_quoted: int = 0
    speaker_right_quoted: int = 0
    speaker_known_quoted: int = 0
    speaker_right: int = 0
    speaker_known: int = 0
    failures: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    matched_kind: Counter[str] = field(default_factory=Counter)
    by_act: Counter[str] = field(default_factory=Counter)
    matched_act: Counter[str] = field(default_factory=Counter)


def _segments(spec: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for piece in spec.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_annotations(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file that have a Content span."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, spec = fields[1].partition(" ")
            spans[fields[0]] = (kind, _segments(spec))
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append(roles)
    gold: list[GoldAttribution] = []
    for roles in events:
        content_id = roles.get("Content")
        if content_id is None or content_id not in spans:
            continue
        content = spans[content_id][1]
        source = spans[roles["Source"]][1] if roles.get("Source") in spans else []
        content_text = " ".join(text[a:b] for a, b in content)
        gold.append(GoldAttribution(
            content=content, source=source,
            source_text=" ".join(text[a:b] for a, b in source),
            quoted=any(ch in _QUOTE_CHARS for ch in content_text),
        ))
    return gold


def load_split(split_dir: Path, limit: int | None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold) for each article of a PolNeAR split, in name order."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        base = ann.name.rsplit("_", 1)[0]
        chosen.setdefault(base, ann)
    out: list[tuple[str, str, list[GoldAttribution]]] = []
    for base, ann in sorted(chosen.items()):
        text_path = split_dir / "text" / f"{base}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append((base, text, read_annotations(ann, text)))
        if limit is not None and len(out) >= limit:
            break
    return out


class _Words:
    """Word-token indexes of a text, for turning character segments into token sets."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def tokens(self, segments: list[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for a, b in segments:
            out.update(range(bisect_left(self.starts, a), bisect_left(self.starts, b)))
        return frozenset(out)


def _overlaps(segments: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in segments)


def _speaker_right(gold: GoldAttribution, pred: Prediction) -> bool:
    if pred.speaker is not None and _overlaps(gold.source, pred.speaker):
        return True
    gold_caps = {w.strip(".'’").lower() for w in _CAPITAL.findall(gold.source_text)}
    pred_caps = {w.strip(".'’").lower() for w in _CAPITAL.findall(pred.name)}
    return bool(gold_caps & pred_caps)


def score_document(text: str, gold: list[GoldAttribution], preds: list[Prediction],
                   tally: Tally) -> None:
    """Match one document's predictions with its gold attributions and add to ``tally``."""
    words = _Words(text)
    gold_tokens = [words.tokens(g.content) for g in gold]
    pred_tokens = [words.tokens(p.content) for p in preds]
    by_token: dict[int, list[int]] = {}
    for gi, toks in enumerate(gold_tokens):
        for t in toks:
            by_token.setdefault(t, []).append(gi)
    pairs: list[tuple[float, int, int]] = []
    for pi, toks in enumerate(pred_tokens):
        candidates = {gi for t in toks for gi in by_token.get(t, ())}
        for gi in candidates:
            inter = len(toks & gold_tokens[gi])
            iou = inter / len(toks | gold_tokens[gi])
            if iou >= _MIN_IOU:
                pairs.append((iou, gi, pi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    tally.gold += len(gold)
    tally.gold_quoted += sum(g.quoted for g in gold)
    tally.predicted += len(preds)
    for p in preds:
        tally.by_kind[p.kind] += 1
        tally.by_act[p.act] += 1
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], preds[pi]
        tally.matched += 1
        tally.matched_kind[p.kind] += 1
        tally.matched_act[p.act] += 1
        right = _speaker_right(g, p)
        if g.source:
            tally.speaker_known += 1
            tally.speaker_right += right
        if g.quoted:
            tally.matched_quoted += 1
            if g.source:
                tally.speaker_known_quoted += 1
                tally.speaker_right_quoted += right


def _ours(quotes: list[dict[str, Any]]) -> list[Prediction]:
    out: list[Prediction] = []
    for q in quotes:
        speaker = q.get("speaker") or {}
        span = (speaker["start"], speaker["end"]) if speaker.get("start") is not None else None
        out.append(Prediction(
            content=[(p["start"], p["end"]) for p in q.get("parts") or [q]],
            speaker=span, name=str(speaker.get("name") or ""), kind=str(q["kind"]),
            act=str(q.get("act") or "statement"),
        ))
    return out


def _textacy(doc: Any) -> list[Prediction]:
    from textacy.extract.triples import direct_quotations

    out: list[Prediction] = []
    for triple in direct_quotations(doc):
        speaker = triple.speaker
        span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
        content = triple.content
        out.append(Prediction(
            content=[(content.start_char, content.end_char)], speaker=span,
            name=" ".join(t.text for t in speaker), kind="direct",
        ))
    return out


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _rows(label: str, t: Tally) -> list[Metric]:
    return [
        Metric(f"{label} quoted recall", _ratio(t.matched_quoted, t.gold_quoted),
               counts={"matched": t.matched_quoted, "gold": t.gold_quoted}),
        Metric(f"{label} quoted speaker right", _ratio(t.speaker_right_quoted,
                                                       t.speaker_known_quoted),
               counts={"right": t.speaker_right_quoted, "matched_with_source":
                       t.speaker_known_quoted}),
        Metric(f"{label} all attributions", precision=_ratio(t.matched, t.predicted),
               recall=_ratio(t.matched, t.gold),
               f1=_ratio(2 * t.matched, t.predicted + t.gold),
               counts={"matched": t.matched, "gold": t.gold, "predicted": t.predicted,
                       "failed_documents": t.failures}),
        Metric(f"{label} all speaker right", _ratio(t.speaker_right, t.speaker_known),
               counts={"right": t.speaker_right, "matched_with_source": t.speaker_known}),
    ]


def textacy_installed() -> bool:
    """Whether the textacy baseline can run (it is an optional comparison, not a
    dependency)."""
    import importlib.util

    return importlib.util.find_spec("textacy") is not None


def evaluate_split(split_dir: Path, limit: int | None) -> tuple[Tally, Tally | None]:
    """Run communique and textacy over one PolNeAR split: (communique tally, textacy
    tally, or ``None`` when textacy is not installed)."""
    from communique.nlp.pipeline import load_pipeline

    articles = load_split(split_dir, limit)
    nlp = load_pipeline()
    ours = Tally()
    # Without textacy every document "failed" and the baseline printed as 0.000.
    theirs = Tally() if textacy_installed() else None

    def stream() -> Any:
        for name, text, gold in articles:
            doc = nlp.make_doc(text)
            doc._.communique_structure = {"article_id": name, "published": None, "outlet": None,
                                          "headings": [], "dateline": None}
            yield doc, (text, gold)

    for doc, (text, gold) in nlp.pipe(stream(), as_tuples=True, batch_size=8):
        score_document(text, gold, _ours(doc._.communique_quotes or []), ours)
        if theirs is None:
            continue
        try:
            predicted = _textacy(doc)
        except Exception:  # textacy raises on unbalanced quotation marks: count, go on
            theirs.failures += 1
            predicted = []
        score_document(text, gold, predicted, theirs)
    return ours, theirs


@register_suite("quotes")
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """PolNeAR dev: communique's attributions and textacy's direct quotations side by side."""
    split = data_dir / "polnear" / "dev"
    report = EvalReport("quotes")
    if not (split / "attributions").is_dir():
        report.details["skipped"] = f"{split} is absent"
        return report
    ours, theirs = evaluate_split(split, limit)
    report.rows = _rows("communique", ours)
    if theirs is not None:
        report.rows += _rows("textacy", theirs)
    else:
        report.rows.append(Metric("textacy (baseline)", note=TEXTACY_MISSING))
    for kind in sorted(ours.by_kind):
        report.rows.append(Metric(f"communique precision, kind {kind}",
                                  _ratio(ours.matched_kind[kind], ours.by_kind[kind]),
                                  counts={"matched": ours.matched_kind[kind],
                                          "predicted": ours.by_kind[kind]}))
    for act in sorted(ours.by_act):
        # Every act counts in the headline: PolNeAR annotates beliefs and stances too.
        report.rows.append(Metric(f"communique precision, act {act}",
                                  _ratio(ours.matched_act[act], ours.by_act[act]),
                                  counts={"matched": ours.matched_act[act],
                                          "predicted": ours.by_act[act]}))
    report.headline = {
        "quoted_recall": _ratio(ours.matched_quoted, ours.gold_quoted),
        "quoted_speaker": _ratio(ours.speaker_right_quoted, ours.speaker_known_quoted),
        "all_recall": _ratio(ours.matched, ours.gold),
        "all_precision": _ratio(ours.matched, ours.predicted),
    }
    report.details = {"split": "dev", **_baseline_details(theirs)}
    return report


TEXTACY_MISSING = "not installed (pip install textacy to compare); not run"


def _baseline_details(theirs: Tally | None) -> dict[str, Any]:
    """The textacy figures for ``--json``, or a note that it did not run."""
    if theirs is None:
        return {"textacy": TEXTACY_MISSING}
    return {
        "textacy_failed_documents": theirs.failures,
        "textacy": {
            "quoted_recall": _ratio(theirs.matched_quoted, theirs.gold_quoted),
            "quoted_speaker": _ratio(theirs.speaker_right_quoted, theirs.speaker_known_quoted),
            "all_recall": _ratio(theirs.matched, theirs.gold),
            "all_precision": _ratio(theirs.matched, theirs.predicted),
        },
    }
