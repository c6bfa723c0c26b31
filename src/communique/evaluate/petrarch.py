"""Suite ``petrarch``: PETRARCH-2's unit-test records coded from their text.

PETRARCH's own validation setup: the ``PETR.Validate.*`` dictionaries (fictional actors such
as Arnor and Gondor, a WEIS-era verb file) and ``PETR.UnitTest.records.xml``. We code each
record's ``<Text>`` (never its Treebank parse) with one spaCy parse:

* verbs: only ``PETR.Validate.verbs.txt``, read by :mod:`communique.events.verbdict`;
* actors: ``PETR.Validate.actors.txt`` and ``.agents.txt`` read by the actors package's
  PETRARCH reader (:mod:`communique.actors.petrarch`); entities are built here by matching
  actor phrases in the text (longest first), and an agent phrase right after an actor
  mention ("Arnor's president" / "Arnor president") adds the agent code.
* events are coded in compatibility mode: codes outside the PLOVER mapping are kept, the
  intent/refusal/demand transformations and precision filters of our own coding are off,
  and roles follow PETRARCH's positional convention where the parse gives none (source:
  the last actor before the verb; target: the first actor after it, which also replaces a
  parsed target it does not agree with). Measured: 0.262 -> 0.384 triples reproduced.
* agent codes are not appended twice ("USAGOV" + "GOV"); "soldiers from Gondor" is an
  agent phrase like "the soldiers of Gondor".

Score: the share of expected (source, target, event) triples reproduced (recall), and the
share of produced triples that are expected (precision). Records marked ``noevents`` or
``error`` count only towards precision.
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from communique.actors.petrarch import DictionaryWarning
from communique.evaluate.registry import EvalReport, Metric, register_suite


def _records(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    # The file's comments contain "--" runs XML forbids; strip comments before parsing.
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    root = ET.fromstring(text)
    out: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    for sentence in root.iter("Sentence"):
        body = sentence.find("Text")
        if body is None or not (body.text or "").strip():
            continue
        triples = []
        for coding in sentence.findall("EventCoding"):
            if coding.get("eventcode"):
                triples.append((coding.get("sourcecode", "").strip('"'),
                                coding.get("targetcode", "").strip('"'),
                                coding.get("eventcode", "")))
        out.append((sentence.get("id", ""), " ".join((body.text or "").split()), triples))
    return out


def _phrases(data_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, bool]]]:
    from communique.actors.kb import load_kb
    from communique.actors.petrarch import read_actors, read_agents

    kb = load_kb()
    folder = data_dir / "petrarch"
    actors: list[tuple[str, str]] = []
    for record in read_actors(folder / "PETR.Validate.actors.txt", kb):
        if not record.codes:
            continue
        code = record.codes[0].code.upper()
        for phrase in [record.name, *record.synonyms]:
            if phrase and not phrase.startswith("!"):
                actors.append((phrase.lower(), code))
    agents = [(a.phrase, a.code, a.prefix) for a in
              read_agents(folder / "PETR.Validate.agents.txt", kb) if "!" not in a.phrase]
    actors.sort(key=lambda item: -len(item[0]))
    return actors, agents


def _entities(text: str, actors: list[tuple[str, str]],
              agents: list[tuple[str, str, bool]]) -> list[dict[str, Any]]:
    lower = text.lower()
    taken: list[tuple[int, int]] = []
    entities: list[dict[str, Any]] = []
    for phrase, code in actors:
        for match in re.finditer(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", lower):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            full = code
            tail = lower[end:end + 60]
            head = lower[max(0, start - 60):start]
            for agent, acode, prefix in agents:
                # "Gondor's first deputy prime minister", "the Gondor main opposition group"
                m = re.match(r"(?:'s|\s)(?:\s*\w+){0,2}?\s*" + re.escape(agent) + r"(?![\w])",
                             tail)
                # "the ambassadors of Arnor", "soldiers from Gondor"
                b = re.search(r"(?<![\w])" + re.escape(agent)
                              + r"s?\s+(?:of|from)\s+(?:the\s+)?$", head)
                if m or b:
                    # An actor code that already carries the agent ("USAGOV" + "GOV") is
                    # not extended twice.
                    if not (code.endswith(acode) or (prefix and code.startswith(acode))):
                        full = acode + code if prefix else code + acode
                    if m:
                        end += m.end()
                    break
            taken.append((start, end))
            entities.append({
                "id": f"E{len(entities) + 1}", "name": text[start:end], "kind": "group",
                "country": code[:3], "sector": None, "code": full, "role": None,
                "mentions": [{"start": start, "end": end, "text": text[start:end],
                              "type": "name"}],
                "evidence": [],
            })
    return entities


@register_suite("petrarch")
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """Reproduce PETRARCH's unit-test (source, target, event) triples from the text."""
    from communique.events.coder import code_document
    from communique.events.lexicon import load_lexicon
    from communique.nlp.pipeline import load_pipeline

    folder = data_dir / "petrarch"
    records = _records(folder / "PETR.UnitTest.records.xml")
    if limit:
        records = records[:limit]
    lexicon = load_lexicon([folder / "PETR.Validate.verbs.txt"], shipped=False)
    # PETRARCH's own validation dictionaries use codes outside the CAMEO tables (GGS,
    # BED, WGO...); the loader warns about each, which is noise here: they are counted.
    with warnings.catch_warnings(record=True) as dictionary_warnings:
        warnings.simplefilter("always", DictionaryWarning)
        actors, agents = _phrases(data_dir)
    nlp = load_pipeline()
    expected = reproduced = produced = right = 0
    misses: list[dict[str, Any]] = []
    for record_id, text, gold in records:
        doc = nlp.make_doc(text)
        doc._.communique_structure = {"article_id": record_id, "published": None,
                                      "outlet": None, "headings": [], "dateline": None}
        for _, proc in nlp.pipeline:
            if proc.__class__.__name__ in ("EventCoder",):
                continue
            doc = proc(doc)
        doc._.communique_entities = _entities(text, actors, agents)
        events = code_document(doc, lexicon, petrarch_compat=True)
        triples = set()
        for event in events:
            for a in event["actors"]:
                for r in event["recipients"] or [{"code": ""}]:
                    triples.add((a["code"], r["code"] or "", event["cameo"]))
        gold_set = set(gold)
        expected += len(gold_set)
        hit = gold_set & triples
        reproduced += len(hit)
        produced += len(triples)
        right += len(triples & gold_set)
        if gold_set - hit and len(misses) < 40:
            misses.append({"id": record_id, "gold": sorted(gold_set), "got": sorted(triples)})
    recall = reproduced / expected if expected else 0.0
    precision = right / produced if produced else 0.0
    report = EvalReport(suite="petrarch")
    report.rows.append(Metric("expected triples reproduced", value=round(recall, 3),
                              counts={"records": len(records), "expected": expected,
                                      "reproduced": reproduced}))
    report.rows.append(Metric("produced triples expected (precision)", value=round(precision, 3),
                              counts={"produced": produced, "right": right}))
    report.headline = {"triples_reproduced": round(recall, 3)}
    report.details = {"misses": misses, "dictionary_warnings": len(dictionary_warnings)}
    return report
