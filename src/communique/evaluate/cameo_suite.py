"""Suite ``cameo``: the example sentences of the CAMEO 1.1b3 codebook (``cameo-codes.csv``).

277 codes have an example; trailing coder notes ("Note: Because of the compound source ...")
are stripped. Each example runs through the full pipeline as a one-sentence article.
Figures: the share of examples with at least one event; among those, the share where an
event has the example's CAMEO root (first two digits) -- both for any event and for the
most confident event. CAMEO 01x examples (statements) can never be emitted, by design
(PLOVER has no statement type); the figures are also given without them.
"""

from __future__ import annotations

import re
from pathlib import Path

from communique.evaluate.events_suite import band_rows, run_pipeline
from communique.evaluate.registry import EvalReport, Metric, register_suite

_NOTE = re.compile(r"\s*\bNote:.*$", re.S)


def read_examples(data_dir: Path) -> list[tuple[str, str]]:
    """(code, example sentence) pairs with notes stripped; encoding detected and repaired."""
    import csv
    import io

    raw = (data_dir / "cameo" / "cameo-codes.csv").read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # The file is UTF-8 text once read as Mac Roman and saved as Windows-1252
            # ("’" -> "‚Äô" -> 82 C4 F4); charset detection guessed cp1250 and left
            # 31 quotes unrepairable ("‚Äů").
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(raw).best()
            text = raw.decode(best.encoding if best else "cp1252", errors="replace")
    out: list[tuple[str, str]] = []
    for row in csv.DictReader(io.StringIO(text)):
        example = (row.get("example") or "").strip()
        if not example or example == "NA":
            continue
        example = _repair(_NOTE.sub("", example)).strip()
        out.append((row["code"].strip(), example))
    return out


def _repair(value: str) -> str:
    """UTF-8 punctuation decoded as Mac Roman ("‚Äô") back to what it was ("’")."""
    if all(ord(c) < 128 for c in value):
        return value
    try:
        return value.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


@register_suite("cameo")
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """Event emitted, and right CAMEO root, on the codebook examples."""
    examples = read_examples(data_dir)
    if limit:
        examples = examples[:limit]
    gold = {f"{i}:{code}": code for i, (code, _) in enumerate(examples)}
    from communique.events.coder import code_document

    emitted = any_root = top_root = 0
    t_emitted = t_root = 0
    emitted_no01 = total_no01 = any_root_no01 = 0
    pairs: list[tuple[float, bool]] = []
    wrong: list[dict[str, object]] = []
    for key, doc in run_pipeline((f"{i}:{code}", text) for i, (code, text) in
                                 enumerate(examples)):
        code = gold[key]
        events = list(doc._.communique_events or [])
        statement = code.startswith("01")
        total_no01 += not statement
        trigger_events = code_document(doc, require_actor=False)
        t_emitted += bool(trigger_events)
        t_root += code[:2] in {e["cameo"][:2] for e in trigger_events}
        if not events:
            continue
        emitted += 1
        emitted_no01 += not statement
        roots = [e["cameo"][:2] for e in events]
        best = max(events, key=lambda e: e["confidence"])
        hit = code[:2] in roots
        any_root += hit
        any_root_no01 += hit and not statement
        top_root += best["cameo"][:2] == code[:2]
        pairs.extend((e["confidence"], e["cameo"][:2] == code[:2]) for e in events)
        if not hit and len(wrong) < 40:
            wrong.append({"id": key, "gold": code, "predicted": [e["cameo"] for e in events]})
    total = len(examples)
    report = EvalReport(suite="cameo")
    emitted_rate = emitted / total if total else 0.0
    root_rate = any_root / emitted if emitted else 0.0
    report.rows.append(Metric("event emitted", value=round(emitted_rate, 3),
                              counts={"examples": total, "emitted": emitted}))
    report.rows.append(Metric("right root (any event), of emitted", value=round(root_rate, 3),
                              counts={"right": any_root}))
    report.rows.append(Metric("right root (most confident event), of emitted",
                              value=round(top_root / emitted if emitted else 0.0, 3),
                              counts={"right": top_root}))
    report.rows.append(Metric("event emitted, without 01x statements",
                              value=round(emitted_no01 / total_no01 if total_no01 else 0.0, 3),
                              counts={"examples": total_no01, "emitted": emitted_no01}))
    report.rows.append(Metric(
        "trigger level (events kept without a codable actor; diagnostic): emitted / root",
        value=round(t_emitted / total if total else 0.0, 3),
        counts={"emitted": t_emitted, "right_root": t_root}))
    report.rows.extend(band_rows(pairs, "root"))
    report.headline = {"event_emitted": round(emitted_rate, 3),
                       "right_root_of_emitted": round(root_rate, 3)}
    report.details = {"wrong_root": wrong}
    return report
