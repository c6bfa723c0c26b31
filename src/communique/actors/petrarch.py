"""Read PETRARCH/TABARI actor and agent dictionaries so users can bring their own.

Format (as in openeventdata/petrarch2 ``Phoenix.*.txt`` and ``PETR.Validate.*.txt``):

* actor entry: ``NAME_WITH_UNDERSCORES [CODE]`` (spaces or ``_`` between words; a trailing
  ``_`` only marks the end of the phrase), synonyms on following ``+NAME`` lines, codes
  either on the entry line or on indented ``[CODE date]`` lines;
* date restrictions: ``[EGYGOV >140608]`` (from), ``[EGYGOV <140608]`` (until),
  ``[EGYGOV 120101-140608]`` (range), with 6-digit (YYMMDD) or 8-digit dates; a code without a
  date is the default;
* agents: ``PHRASE {PLURAL} [~CODE]`` (suffix agent) or ``[CODE~]`` (prefix);
* ``#`` comments, ``<!-- -->`` lines, ``!SET! = A, B`` substitution sets (skipped).

Malformed lines and codes whose first element is not a known country, non-state or region
code produce a :class:`DictionaryWarning` naming file and line; loading continues.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from communique.actors.codes import CAMEO_AGENTS, sector_of_code
from communique.actors.kb import KB_DIR, ActorKB, DatedCode, KBEntry, Role, build_kb
from communique.errors import DataFileError

MAX_WARNINGS_PER_FILE = 50
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_PART = re.compile(r"^(?:(?P<op>[<>])\s*(?P<d1>\d{6}|\d{8})|(?P<a>\d{6}|\d{8})\s*-\s*"
                        r"(?P<b>\d{6}|\d{8}))$")


class DictionaryWarning(UserWarning):
    """A user dictionary line was skipped or has a suspicious code."""


@dataclass
class ActorRecord:
    """One actor entry with its synonyms and (dated) codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    line: int = 0


@dataclass
class AgentRecord:
    """One agent phrase and its code (``~GOV`` suffix or ``NGO~`` prefix style)."""

    phrase: str
    code: str
    prefix: bool
    line: int = 0


def _date(text: str) -> str:
    """YYMMDD (TABARI: years < 30 are 20xx) or YYYYMMDD -> YYYY-MM-DD."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def phrase_text(raw: str) -> str:
    """``SERGEY_V._LAVROV_`` -> ``Sergey V. Lavrov``-style search text (case kept upper)."""
    return " ".join(raw.replace("_", " ").split())


class _Reader:
    def __init__(self, path: Path, known_prefix: set[str]) -> None:
        self.path = path
        self.known_prefix = known_prefix
        self.warned = 0

    def warn(self, line: int, message: str) -> None:
        self.warned += 1
        if self.warned <= MAX_WARNINGS_PER_FILE:
            warnings.warn(f"{self.path.name}:{line}: {message}", DictionaryWarning,
                          stacklevel=4)

    def finish(self) -> None:
        if self.warned > MAX_WARNINGS_PER_FILE:
            warnings.warn(f"{self.path.name}: {self.warned - MAX_WARNINGS_PER_FILE} more "
                          "warnings not shown", DictionaryWarning, stacklevel=3)

    def code(self, block: str, line: int) -> DatedCode | None:
        parts = block.strip().split(None, 1)
        if not parts:
            self.warn(line, "empty code []")
            return None
        code = parts[0].upper()
        if code in ("---", "+++"):
            return None  # TABARI null codes: explicitly uncoded
        start = end = None
        if len(parts) > 1:
            match = _DATE_PART.match(parts[1].strip())
            if match is None:
                self.warn(line, f"malformed date restriction {parts[1].strip()!r}")
                return None
            if match.group("op") == ">":
                start = _date(match.group("d1"))
            elif match.group("op") == "<":
                end = _date(match.group("d1"))
            else:
                start, end = _date(match.group("a")), _date(match.group("b"))
        if not re.fullmatch(r"[A-Z0-9/]{3,}", code):
            self.warn(line, f"malformed code {code!r}")
            return None
        if code[:3] not in self.known_prefix:
            self.warn(line, f"unknown code {code!r} (first element {code[:3]!r} is not a "
                      "country, non-state or region code)")
        return DatedCode(code, start, end)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_actors(path: Path, kb: ActorKB) -> list[ActorRecord]:
    """Actor entries of a TABARI/PETRARCH ``.actors`` file (warnings for bad lines)."""
    reader = _Reader(path, _known_prefixes(kb))
    records: list[ActorRecord] = []
    current: ActorRecord | None = None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc
    for number, raw in enumerate(lines, start=1):
        if raw.lstrip().startswith("<!") or raw.lstrip().startswith("<! "):
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                reader.warn(number, "synonym before any actor entry")
            else:
                current.synonyms.append(phrase_text(stripped[1:].split("[")[0]))
                current.codes.extend(c for b in _CODE_BLOCK.findall(stripped)
                                     if (c := reader.code(b, number)))
            continue
        if stripped.startswith("["):
            if current is None:
                reader.warn(number, "code line before any actor entry")
                continue
            for block in _CODE_BLOCK.findall(stripped):
                dated = reader.code(block, number)
                if dated is not None:
                    current.codes.append(dated)
            continue
        if "=" in stripped and stripped.startswith("!"):
            continue
        name = stripped.split("[", 1)[0].strip()
        if "[" in stripped and "]" not in stripped:
            reader.warn(number, "unclosed '[' in code")
            continue
        if not name or not re.search(r"[A-Za-z]", name):
            reader.warn(number, f"cannot read entry {stripped[:40]!r}")
            continue
        current = ActorRecord(phrase_text(name), line=number)
        records.append(current)
        for block in _CODE_BLOCK.findall(stripped):
            dated = reader.code(block, number)
            if dated is not None:
                current.codes.append(dated)
    reader.finish()
    return records


def read_agents(path: Path, kb: ActorKB) -> list[AgentRecord]:
    """Agent entries (``PHRASE {PLURAL} [~CODE]``) of a TABARI/PETRARCH agents file."""
    reader = _Reader(path, _known_prefixes(kb))
    agents: list[AgentRecord] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), start=1):
        line = _strip_comment(raw).strip()
        if not line or line.startswith("<!") or (line.startswith("!") and "=" in line):
            continue
        match = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]", line)
        if match is None:
            reader.warn(number, f"cannot read agent entry {line[:40]!r}")
            continue
        phrase, plural, code = match.groups()
        if "~" not in code:
            reader.warn(number, f"agent code {code!r} has no '~'")
            continue
        prefix = code.endswith("~")
        bare = code.strip("~ ").upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", bare):
            reader.warn(number, f"malformed agent code {code!r}")
            continue
        if bare[:3] not in CAMEO_AGENTS and bare[:3] not in _known_prefixes(kb):
            reader.warn(number, f"unknown agent code {bare!r}")
        agents.append(AgentRecord(phrase_text(phrase).lower(), bare, prefix, number))
        for form in (plural or "").split(","):
            if form.strip():
                agents.append(AgentRecord(phrase_text(form).lower(), bare, prefix, number))
    reader.finish()
    return agents


def _known_prefixes(kb: ActorKB) -> set[str]:
    from communique.actors.codes import NON_STATE, REGIONS

    return set(kb.iso3) | set(kb.legacy) | set(NON_STATE) | set(REGIONS)


def add_dictionary(kb: ActorKB, path: Path) -> int:
    """Add the actors (or agents) in ``path`` to ``kb``; returns how many entries were added.

    Dictionary actors never replace curated names: they are marked ``curated=False`` and
    :meth:`ActorKB.lookup` prefers curated entries.
    """
    if "agent" in path.name.lower():
        added = 0
        for agent in read_agents(path, kb):
            sector = CAMEO_AGENTS.get(agent.code[:3])
            if sector is None or agent.phrase in kb.roles:
                continue
            kb.roles[agent.phrase] = Role(agent.phrase, agent.phrase.title(), sector,
                                          agent.code[:3], "group", None,
                                          f"{path.name}:{agent.line}")
            kb.role_first_words.add(agent.phrase.split()[0])
            kb.max_role_words = max(kb.max_role_words, len(agent.phrase.split()))
            added += 1
        return added
    added = 0
    for record in read_actors(path, kb):
        default = next((c.code for c in record.codes if c.start is None and c.end is None),
                       None)
        code = default or (record.codes[-1].code if record.codes else None)
        if code is None:
            continue
        country = kb.country_code(code[:3])
        entry = KBEntry(record.name.title(), "organisation", country, sector_of_code(code),
                        default, f"{path.name}:{record.line}", "dictionary",
                        tuple(record.codes), curated=False)
        for alias in [record.name, *record.synonyms]:
            kb.add(alias.title() if alias.isupper() else alias, entry)
        added += 1
    return added


def kb_with_dictionaries(paths: Iterable[Path], folder: Path = KB_DIR) -> ActorKB:
    """A fresh knowledge base (shipped files) extended with user dictionaries."""
    kb = build_kb(folder)
    for path in paths:
        add_dictionary(kb, Path(path))
    return kb
