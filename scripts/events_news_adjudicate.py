"""Align two blind annotation passes of the events news gold, list what needs adjudication,
report agreement, and assemble the gold file.

Steps (see docs/annotation/events.md):
  align    --a A.jsonl --b B.jsonl --packets DIR --out items.jsonl
           writes the disagreements (records only one pass has; matched records whose
           ``required`` or recipients differ) for an adjudicator, and prints agreement.
  assemble --pairs A:B:DECISIONS [...] --out eval/events-news/gold.jsonl
           agreed records merged, adjudicated ones as decided; text fields are dropped
           (the repository holds offsets and codes, never article text).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def load(path: Path) -> list[Record]:
    """The event records of a pass (the per-article "done" lines left out)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [r for r in rows if not r.get("done")]


def _types(rec: Record) -> set[str]:
    return {rec["plover"], *rec.get("plover_alt", [])}


def _roots(parties: Iterable[Record]) -> set[str]:
    return {c[:3] for p in parties for c in p.get("codes", []) if c}


def codes_agree(a: Iterable[Record], b: Iterable[Record]) -> bool:
    """Two party lists agree when any code shares its three-letter root (``---`` is any)."""
    ra, rb = _roots(a), _roots(b)
    if not ra or not rb:
        return False
    return bool(ra & rb) or "---" in ra or "---" in rb


def _same_event(a: Record, b: Record) -> bool:
    if (a["article"], a["sentence"]) != (b["article"], b["sentence"]):
        return False
    if not (_types(a) & _types(b)):
        return False
    parties_a = a["actors"] + (a["recipients"] if a.get("reciprocal") else [])
    parties_b = b["actors"] + (b["recipients"] if b.get("reciprocal") else [])
    return codes_agree(parties_a, parties_b) or (not _roots(parties_a) and not _roots(parties_b))


def align(a: list[Record], b: list[Record]) -> tuple[list[tuple[Record, Record]],
                                                     list[Record], list[Record]]:
    """Greedy one-to-one matching: same sentence, a shared type, agreeing actors; pairs
    with the same trigger text first."""
    pairs: list[tuple[Record, Record]] = []
    free_b = list(b)
    left_a: list[Record] = []
    for prefer_trigger in (True, False):
        pending = []
        for rec in (a if prefer_trigger else left_a):
            match = next((r for r in free_b if _same_event(rec, r) and (
                not prefer_trigger or r["trigger"].lower() == rec["trigger"].lower())), None)
            if match is None:
                pending.append(rec)
            else:
                free_b.remove(match)
                pairs.append((rec, match))
        left_a = pending
    return pairs, left_a, free_b


def agreement(pairs: list[tuple[Record, Record]], only_a: list[Record],
              only_b: list[Record], sentences: int) -> dict[str, float]:
    """Event-level F1 between the passes (all records and required only) and Cohen's kappa
    on whether a sentence holds a required event."""
    def f1(m: int, na: int, nb: int) -> float:
        return round(2 * m / (na + nb), 3) if na + nb else 1.0

    all_f1 = f1(len(pairs), len(pairs) + len(only_a), len(pairs) + len(only_b))
    req_pairs = sum(1 for x, y in pairs if x["required"] and y["required"])
    req_a = sum(1 for x, _ in pairs if x["required"]) + sum(r["required"] for r in only_a)
    req_b = sum(1 for _, y in pairs if y["required"]) + sum(r["required"] for r in only_b)
    sent_a = {(x["article"], x["sentence"]) for x, _ in pairs if x["required"]} | \
        {(r["article"], r["sentence"]) for r in only_a if r["required"]}
    sent_b = {(y["article"], y["sentence"]) for _, y in pairs if y["required"]} | \
        {(r["article"], r["sentence"]) for r in only_b if r["required"]}
    both = len(sent_a & sent_b)
    neither = sentences - len(sent_a | sent_b)
    observed = (both + neither) / sentences
    pa, pb = len(sent_a) / sentences, len(sent_b) / sentences
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {"event_f1_all": all_f1, "event_f1_required": f1(req_pairs, req_a, req_b),
            "sentence_kappa_required": round(kappa, 3), "records_a": len(pairs) + len(only_a),
            "records_b": len(pairs) + len(only_b), "matched": len(pairs)}


def _sentence_texts(packets: Path) -> dict[tuple[str, int], str]:
    texts: dict[tuple[str, int], str] = {}
    for packet in packets.glob("*.txt"):
        for line in packet.read_text(encoding="utf-8").splitlines():
            if line.startswith("["):
                number, rest = line[1:].split("] ", 1)
                texts[(packet.stem, int(number))] = rest.split("\t", 1)[1]
    return texts


def _sentence_count(packets: Path) -> int:
    return sum(1 for p in packets.glob("*.txt")
               for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("["))


def merged(a: Record, b: Record) -> Record:
    """One record from two matched ones: A's type, every alternative either defends, every
    acceptable code of either; recipients when both give them."""
    out = dict(a)
    out["plover_alt"] = sorted((_types(a) | _types(b)) - {a["plover"]})

    def union(xs: list[Record], ys: list[Record]) -> list[Record]:
        if not xs:
            return ys
        if not ys:
            return xs
        codes = list(dict.fromkeys(c for p in xs + ys for c in p.get("codes", [])))
        return [{"text": xs[0].get("text", ""), "codes": codes}, *xs[1:], *ys[1:]]

    out["actors"] = union(a["actors"], b["actors"])
    out["recipients"] = union(a["recipients"], b["recipients"])
    out["modality"] = sorted(set(a.get("modality", [])) & set(b.get("modality", [])))
    return out


def disagreements(a: list[Record], b: list[Record]
                  ) -> tuple[list[Record], list[Record], dict[str, float]]:
    """Agreed records (merged), items for the adjudicator, and the raw alignment counts."""
    pairs, only_a, only_b = align(a, b)
    agreed: list[Record] = []
    items: list[Record] = []
    for x, y in pairs:
        issues = []
        if x["required"] != y["required"]:
            issues.append("required differs")
        if bool(x["recipients"]) != bool(y["recipients"]) or (
                x["recipients"] and y["recipients"] and
                not codes_agree(x["recipients"], y["recipients"])):
            issues.append("recipients differ")
        if issues:
            items.append({"kind": "; ".join(issues), "A": x, "B": y})
        else:
            agreed.append(merged(x, y))
    items += [{"kind": "only in A", "A": r, "B": None} for r in only_a]
    items += [{"kind": "only in B", "A": None, "B": r} for r in only_b]
    for n, item in enumerate(items, 1):
        rec = item["A"] or item["B"]
        item.update({"item": n, "article": rec["article"], "sentence": rec["sentence"]})
    return agreed, items, {"pairs": len(pairs), "only_a": len(only_a), "only_b": len(only_b)}


def do_align(args: argparse.Namespace) -> None:
    a, b = load(args.a), load(args.b)
    _, items, _ = disagreements(a, b)
    texts = _sentence_texts(args.packets)
    with args.out.open("w", encoding="utf-8") as out:
        for item in items:
            item["sentence_text"] = texts.get((item["article"], item["sentence"]), "")
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    pairs, only_a, only_b = align(a, b)
    stats = agreement(pairs, only_a, only_b, _sentence_count(args.packets))
    print(json.dumps({**stats, "items": len(items)}))


_TEXT_FIELDS = ("trigger", "note")


def stripped(rec: Record, sentence_text: str | None = None) -> Record:
    """A gold record without article text: trigger as offsets, parties as codes."""
    out = {k: v for k, v in rec.items() if k not in _TEXT_FIELDS and k != "done"}
    trigger = rec.get("trigger", "")
    offset = -1
    if sentence_text is not None and trigger:
        offset = sentence_text.find(trigger)
    if offset >= 0:
        out["trigger"] = {"start": rec["start"] + offset,
                          "end": rec["start"] + offset + len(trigger)}
    out["actors"] = [{"codes": p.get("codes", [])} for p in rec.get("actors", [])]
    out["recipients"] = [{"codes": p.get("codes", [])} for p in rec.get("recipients", [])]
    return out


def do_assemble(args: argparse.Namespace) -> None:
    gold: list[Record] = []
    texts = _sentence_texts(args.packets)
    for spec in args.pairs:
        path_a, path_b, path_d = (Path(p) for p in spec.split(":"))
        agreed, items, _ = disagreements(load(path_a), load(path_b))
        decisions = {d["item"]: d for d in
                     (json.loads(line) for line in path_d.open(encoding="utf-8")
                      if line.strip())}
        gold += agreed
        for item in items:
            decision = decisions.get(item["item"])
            if decision is None:
                raise SystemExit(f"{path_d}: no decision for item {item['item']}")
            if decision["decision"] == "keep":
                gold.append(decision["record"])
    gold.sort(key=lambda r: (r["article"], r["sentence"], r.get("trigger", "")))
    with args.out.open("w", encoding="utf-8") as out:
        for rec in gold:
            out.write(json.dumps(stripped(rec, texts.get((rec["article"], rec["sentence"]))),
                                 sort_keys=True) + "\n")
    print(len(gold), "gold records,", sum(1 for r in gold if r["required"]), "required")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p_align = sub.add_parser("align")
    p_align.add_argument("--a", type=Path, required=True)
    p_align.add_argument("--b", type=Path, required=True)
    p_align.add_argument("--packets", type=Path, required=True)
    p_align.add_argument("--out", type=Path, required=True)
    p_asm = sub.add_parser("assemble")
    p_asm.add_argument("--pairs", nargs="+", required=True,
                       help="A.jsonl:B.jsonl:decisions.jsonl")
    p_asm.add_argument("--packets", type=Path, required=True)
    p_asm.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    (do_align if args.step == "align" else do_assemble)(args)


if __name__ == "__main__":
    main()
