"""Build the event lexicon and CAMEO table shipped in ``src/communique/data/events/``.

Run from the repository root::

    .venv/bin/python scripts/build_event_lexicon.py [--data ../shared/data]

Inputs (reference data, not shipped as such):

* ``petrarch/CAMEO.2.0.txt`` -- PETRARCH-2 verb dictionary, MIT, Open Event Data Alliance.
* ``cameo/cameo-codes.csv`` -- CAMEO 1.1b3 codes, Goldstein values and examples
  (andybega/icews, MIT). Not UTF-8: the encoding is detected, and the Mac-Roman mojibake of
  its UTF-8 punctuation is repaired.
* ``plover/CAMEO2PLOVER-2021.txt`` -- CAMEO -> PLOVER type, mode, context (CC BY-SA 4.0).

Outputs:

* ``CAMEO.verbs.txt`` -- the PETRARCH dictionary, synsets and verb blocks, with its licence
  header kept and a provenance line added; transformations (``~``) are dropped (we do not
  use them).
* ``codebook.verbs.txt`` -- verb blocks derived from the CAMEO code names ("Praise or
  endorse" -> PRAISE, ENDORSE [051]; "Impose embargo, boycott, or sanctions" ->
  IMPOSE with patterns ``* EMBARGO`` ... [163]).
* ``cameo.tsv`` -- one row per CAMEO code: name, Goldstein, quad, PLOVER type, mode, context.

``modern.verbs.txt`` (modern phrasing, noun triggers) is written by hand and not generated.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "communique" / "data" / "events"

# Verbs in code names too general to code on their own: they need their object.
GENERIC = frozenset({
    "make", "engage", "express", "use", "conduct", "carry", "give", "provide", "increase",
    "reduce", "receive", "allow", "bring", "impose", "share", "grant", "declare", "rally",
    "ease", "attempt", "find", "employ", "halt", "kill", "discuss", "host", "meet", "sign",
    "decline", "deny", "acknowledge", "consider", "violate", "demonstrate", "take", "stop",
    "break", "cooperate", "detonate", "sexually", "physically", "fight", "accede", "obstruct",
    "protest", "defend", "appeal", "refuse", "demand", "reject", "threaten", "return",
})
STOP = frozenset({"of", "to", "for", "with", "on", "in", "by", "the", "a", "an", "that", "not",
                  "at", "and", "as", "or", "such", "specified", "below", "others", "target",
                  "persons", "person(s)"})
PREPS = frozenset({"of", "to", "for", "with", "on", "in", "by", "at", "against"})


def read_codebook(path: Path) -> list[dict[str, str]]:
    """Rows of ``cameo-codes.csv`` with the encoding detected and mojibake repaired."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        text = raw.decode(best.encoding if best else "cp1252", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for key, value in row.items():
            row[key] = repair(value)
    return rows


def repair(value: str) -> str:
    """Undo UTF-8 text that was decoded as Mac Roman ("Moscow‚Äôs" -> "Moscow’s")."""
    if not value or all(ord(c) < 128 for c in value):
        return value
    try:
        return value.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def quad_of(code: str) -> int:
    """CAMEO quad class from the root: 01-05 verbal cooperation ... 14-20 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context) from the conversion table."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([^#]*)", line)
        if not match:
            continue
        fields = [f.strip() for f in match.group(2).split(",")]
        fields += [""] * (3 - len(fields))
        context = ";".join(c.strip() for c in fields[2].split(";") if c.strip())
        table.setdefault(match.group(1), (fields[0], fields[1].replace(" ", ""), context))
    return table


def write_cameo_table(rows: list[dict[str, str]], plover: dict[str, tuple[str, str, str]]) -> int:
    """Write ``cameo.tsv``; returns the number of codes written."""
    lines = [
        "# CAMEO event codes with Goldstein scale values, quad class and PLOVER mapping.",
        "# Names and Goldstein values: CAMEO 1.1b3 codebook via andybega/icews data-raw/",
        "#   cameo-codes.csv (commit 3746c72), MIT licence.",
        "# PLOVER type/mode/context: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (Draft 0.8,",
        "#   P. Schrodt), CC BY-SA 4.0; this derived table is shared under the same licence.",
        "# CAMEO 02x (appeals, dropped by PLOVER) map to REQUEST like their 10x counterparts;",
        "# CAMEO 01x (statements) have no PLOVER type and are never emitted as events.",
        "# quad: 1 verbal cooperation (01-05), 2 material cooperation (06-08),",
        "#   3 verbal conflict (09-13), 4 material conflict (14-20).",
        "# Generated by scripts/build_event_lexicon.py; do not edit by hand.",
        "code\tname\tgoldstein\tquad\tplover\tmode\tcontext",
    ]
    count = 0
    for row in rows:
        code = row["code"].strip()
        if len(code) < 3:
            continue
        ptype, mode, context = plover.get(code, ("", "", ""))
        if not ptype and code.startswith("02"):
            # PLOVER drops CAMEO 02 APPEAL as a comment category, but its REQUEST covers
            # "all requests, demands, and orders"; an appeal maps as its 10x counterpart
            # (021 appeal for material cooperation -> 101 demand material cooperation).
            ptype, mode, context = plover.get("10" + code[2:], ("REQUEST", "", ""))
        name = re.sub(r"\s+", " ", row["name"]).strip()
        lines.append(f"{code}\t{name}\t{float(row['goldstein']):g}\t{quad_of(code)}\t"
                     f"{ptype}\t{mode}\t{context}")
        count += 1
    (OUT / "cameo.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def write_petrarch(source: Path) -> int:
    """Copy the PETRARCH dictionary without its transformations; returns pattern lines."""
    out = [
        "# Derived from openeventdata/petrarch2 CAMEO.2.0.txt (commit 676801c), MIT licence,",
        "# Copyright (c) 2015 Open Event Data Alliance (full notice below). Transformations",
        "# (~ lines) removed by scripts/build_event_lexicon.py; everything else unchanged.",
        "#",
    ]
    patterns = 0
    for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("~") or line.startswith("######## TRANSFORMATIONS"):
            continue
        if line.startswith("-"):
            patterns += 1
        out.append(line.rstrip())
    (OUT / "CAMEO.verbs.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    return patterns


def _chunks(name: str) -> list[list[str]]:
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    parts = re.split(r",\s*(?:or\s+)?|\s+or\s+", name)
    return [p.split() for p in parts if p.strip()]


def write_codebook_verbs(rows: list[dict[str, str]]) -> int:
    """Verb blocks from code names; returns the number of verbs written."""
    bare: dict[str, str] = {}
    patterns: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        code = row["code"].strip()
        name = row["name"].strip()
        if len(code) < 3 or name.lower().startswith("express intent"):
            continue
        chunks = _chunks(name)
        lead: str | None = None
        for words in chunks:
            verb, rest = words[0], words[1:]
            if verb in STOP:
                continue
            if not rest and (lead is None or not patterns.get(lead)):
                if verb not in GENERIC and verb.isalpha() and (
                        verb not in bare or len(code) < len(bare[verb])):
                    bare[verb] = code
                lead = verb
                continue
            if not rest and lead is not None:
                # "boycott" in "Impose embargo, boycott, or sanctions": another object.
                patterns.setdefault(lead, []).append((f"- * {verb.upper()}", code))
                continue
            lead = verb
            obj: list[str] = []
            prep: list[str] = []
            for word in rest:
                if word in PREPS and not prep:
                    prep.append(word)
                elif prep:
                    if word not in STOP:
                        prep.append(word)
                elif word not in STOP:
                    obj.append(word)
            pieces: list[str] = []
            if obj:
                pieces.append("{" + " ".join(w.upper() for w in obj) + "}" if len(obj) > 1
                              else obj[0].upper())
            if len(prep) > 1:
                pieces.append("(" + " ".join(w.upper() for w in prep) + ")")
            if pieces and verb.isalpha():
                patterns.setdefault(verb, []).append(("- * " + " ".join(pieces), code))
    lines = [
        "# Verb blocks derived from the CAMEO 1.1b3 code names (cameo-codes.csv, andybega/icews,",
        "# MIT) by scripts/build_event_lexicon.py. Bare verbs get the most general code naming",
        "# them; verbs that need an object (IMPOSE, PROVIDE ...) only code through patterns.",
        "",
    ]
    verbs = sorted(set(bare) | set(patterns))
    for verb in verbs:
        code = bare.get(verb)
        lines.append(f"---  {verb.upper()}_CODEBOOK   [{code or '---'}]  ---")
        lines.append(verb.upper())
        for pattern, pcode in patterns.get(verb, []):
            lines.append(f"{pattern:<50} [{pcode}]")
        lines.append("")
    (OUT / "codebook.verbs.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(verbs)


def main() -> None:
    """Regenerate the derived files from the reference data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    data = Path(args.data)
    OUT.mkdir(parents=True, exist_ok=True)
    rows = read_codebook(data / "cameo" / "cameo-codes.csv")
    plover = read_plover(data / "plover" / "CAMEO2PLOVER-2021.txt")
    print("cameo.tsv codes:", write_cameo_table(rows, plover))
    print("CAMEO.verbs.txt patterns:", write_petrarch(data / "petrarch" / "CAMEO.2.0.txt"))
    print("codebook.verbs.txt verbs:", write_codebook_verbs(rows))


if __name__ == "__main__":
    main()
