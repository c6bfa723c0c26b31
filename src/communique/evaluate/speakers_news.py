"""Suite ``speakers-news``: who said it, by name, against the blind speaker gold set.

Gold: ``eval/speakers-news/gold.jsonl`` (protocol in ``docs/annotation/speakers.md``), one
record per (sentence, statement) of 60 AllSides articles, 20 for designing (train) and 40
for checking only (dev), listed in ``eval/speakers-news/articles.tsv``. Records cite the raw
record's sentence offsets; the articles are read from ``../shared/data`` and run through the
whole pipeline as a user's ingest would.

Scoring: a gold statement is found when an emitted quote's content or cue lies in its
sentence. Its speaker is right when a found quote's speaker (the name the quote gives, its
entity's name, or a co-speaker's name) is the gold speaker's canonical name or one of
its aliases, after folding case, accents, punctuation and leading titles, or contains the
canonical name whole. Only statements count as emitted quotes: records whose ``act`` is
``belief``, ``stance`` or ``unasserted`` (beliefs, speech acts without words, negated or
possible speech; kept for the PolNeAR all-attribution suite) are left out, as are records
of kind ``belief`` in documents written before ``act`` existed. Precision: emitted quotes
that touch a sentence holding a gold statement, of all emitted quotes less those that touch
only optional ones. Pronoun or empty speakers are counted over all emitted quotes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.evaluate.events_news import documents, sentence_map, split_gold
from communique.evaluate.registry import EvalReport, Metric, register_suite

GOLD_SET = "speakers-news"
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them",
                       "his", "its", "their", "who", "this", "that"})
_TITLES = frozenset({"the", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov",
                     "president", "vice", "prime", "minister", "secretary", "gen", "general",
                     "former", "u.s", "us"})


def fold(name: str) -> str:
    """A name folded for comparison: accents, case, punctuation and leading titles gone."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("'s", " ")
    words = re.sub(r"[^a-z0-9' ]+", " ", text).split()
    while len(words) > 1 and words[0].strip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def speaker_matches(names: list[str], gold: dict[str, Any]) -> bool:
    """True when an emitted speaker name is the gold speaker (canonical name or alias)."""
    wanted = {fold(gold["speaker"]), *(fold(a) for a in gold.get("aliases", []))}
    wanted.discard("")
    canonical = fold(gold["speaker"])
    for name in names:
        got = fold(name)
        if not got:
            continue
        if got in wanted:
            return True
        if len(canonical.split()) >= 2 and f" {canonical} " in f" {got} ":
            return True
    return False


def _speaker_names(quote: dict[str, Any], entities: dict[str, dict[str, Any]]) -> list[str]:
    speaker = quote.get("speaker") or {}
    names = [str(speaker.get("name") or "")]
    entity = entities.get(str(speaker.get("entity")))
    if entity is not None:
        names.append(str(entity.get("name") or ""))
    names += [str(other.get("name") or "") for other in quote.get("co_speakers") or []]
    return [n for n in names if n]


def is_pronoun_or_empty(quote: dict[str, Any]) -> bool:
    """True when the quote has no speaker or only a pronoun for one."""
    speaker = quote.get("speaker") or {}
    name = str(speaker.get("name") or "").strip().lower()
    return not name or name in _PRONOUNS


@dataclass
class SpeakerTally:
    """Counts of one scoring run."""

    required: int = 0
    found: int = 0
    right: int = 0
    elsewhere: int = 0
    elsewhere_found: int = 0
    elsewhere_right: int = 0
    emitted: int = 0
    emitted_true: int = 0
    emitted_optional_only: int = 0
    pronoun_or_empty: int = 0
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0


def is_statement(quote: dict[str, Any]) -> bool:
    """Whether a quote record reports a statement (its ``act``; before ``act`` existed, any
    kind but ``belief``)."""
    act = quote.get("act")
    if act is None:
        return quote.get("kind") != "belief"
    return bool(act == "statement")


def _touches(quote: dict[str, Any], span: tuple[int, int]) -> bool:
    pieces = [(int(p["start"]), int(p["end"])) for p in quote.get("parts") or []]
    pieces = pieces or [(int(quote["start"]), int(quote["end"]))]
    cue = quote.get("cue")
    if cue:
        pieces.append((int(cue["start"]), int(cue["end"])))
    return any(start < span[1] and span[0] < end for start, end in pieces)


def score_article(doc: dict[str, Any], raw: str, gold: list[dict[str, Any]],
                  tally: SpeakerTally) -> None:
    """Add one article's figures to ``tally``."""
    text = str(doc["article"]["text"])
    where = sentence_map(raw, text, [(r["start"], r["end"]) for r in gold])
    entities = {str(e["id"]): e for e in doc.get("entities") or []}
    quotes = [q for q in doc.get("quotes") or [] if is_statement(q)]
    for rec in gold:
        if not rec.get("required", True):
            continue
        span = where.get((rec["start"], rec["end"]))
        tally.required += 1
        elsewhere = rec.get("resolution") == "elsewhere"
        tally.elsewhere += elsewhere
        here = [q for q in quotes if span is not None and _touches(q, span)]
        if not here:
            continue
        tally.found += 1
        tally.elsewhere_found += elsewhere
        if any(speaker_matches(_speaker_names(q, entities), rec) for q in here):
            tally.right += 1
            tally.elsewhere_right += elsewhere
        elif len(tally.wrong) < 300:
            tally.wrong.append({"article": doc["article"]["id"], "sentence": rec["sentence"],
                                "gold": rec["speaker"], "resolution": rec.get("resolution"),
                                "emitted": [_speaker_names(q, entities) for q in here]})
    spans = [(where.get((r["start"], r["end"])), bool(r.get("required", True))) for r in gold]
    for quote in quotes:
        tally.emitted += 1
        tally.pronoun_or_empty += is_pronoun_or_empty(quote)
        touched = [req for span, req in spans if span is not None and _touches(quote, span)]
        if any(touched):
            tally.emitted_true += 1
        elif touched:
            tally.emitted_optional_only += 1


def evaluate_split(data_dir: Path, split: str | None, limit: int | None = None
                   ) -> SpeakerTally:
    """Score the articles of one split (``None``: all of them)."""
    ids, by_article = split_gold(GOLD_SET, split, limit)
    tally = SpeakerTally()
    for key, raw, doc in documents(data_dir, ids):
        score_article(doc, raw, by_article.get(key, []), tally)
    return tally


def _rows(t: SpeakerTally, prefix: str) -> list[Metric]:
    precision = t.rate(t.emitted_true, t.emitted - t.emitted_optional_only)
    return [
        Metric(f"{prefix}: statements found (required)", recall=round(t.rate(t.found,
                                                                               t.required), 3),
               precision=round(precision, 3),
               counts={"required": t.required, "found": t.found, "emitted": t.emitted,
                       "emitted_in_gold_sentences": t.emitted_true,
                       "emitted_optional_only": t.emitted_optional_only}),
        Metric(f"{prefix}: speaker right, of found", value=round(t.rate(t.right, t.found), 3),
               counts={"right": t.right}),
        Metric(f"{prefix}: speaker right, resolved from elsewhere",
               value=round(t.rate(t.elsewhere_right, t.elsewhere_found), 3),
               counts={"elsewhere": t.elsewhere, "found": t.elsewhere_found,
                       "right": t.elsewhere_right}),
        Metric(f"{prefix}: pronoun or empty speakers, of emitted",
               value=round(t.rate(t.pronoun_or_empty, t.emitted), 3),
               counts={"pronoun_or_empty": t.pronoun_or_empty}),
    ]


@register_suite(GOLD_SET)
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """Statement recall and precision, speaker accuracy on the dev split; train alongside."""
    report = EvalReport(suite=GOLD_SET)
    dev = evaluate_split(data_dir, "dev", limit)
    train = evaluate_split(data_dir, "train", limit)
    report.rows = _rows(dev, "dev") + _rows(train, "train")
    report.headline = {
        "dev_recall": round(dev.rate(dev.found, dev.required), 3),
        "dev_precision": round(dev.rate(dev.emitted_true,
                                        dev.emitted - dev.emitted_optional_only), 3),
        "dev_speaker_accuracy": round(dev.rate(dev.right, dev.found), 3),
        "dev_elsewhere_accuracy": round(dev.rate(dev.elsewhere_right, dev.elsewhere_found), 3),
        # 1 - the share of emitted quotes whose speaker is a pronoun or empty (a floor
        # can only rise).
        "dev_named_speakers": round(1 - dev.rate(dev.pronoun_or_empty, dev.emitted), 3),
        "train_recall": round(train.rate(train.found, train.required), 3),
        "train_speaker_accuracy": round(train.rate(train.right, train.found), 3),
    }
    report.details = {"train_wrong": train.wrong}
    return report
