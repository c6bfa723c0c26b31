"""The shipped actor knowledge base: countries, seats of power, IGOs, media, groups and roles.

The data lives in readable TSV files under ``communique/data/kb/`` (sources in the README
there). :func:`load_kb` reads and validates them once per process; any error in a shipped
file raises :class:`~communique.errors.DataFileError` naming the file and line, because a
silently skipped row would change codes without anyone noticing.

Lookups are by normalised surface form (lower case, single spaces, curly quotes folded).
Acronyms ("US", "AP", "WHO", "IS") only match in their exact upper-case spelling so that the
pronoun "us" or the verb "is" never becomes an actor.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from communique.actors.codes import (
    CAMEO_AGENTS,
    NON_STATE,
    PLOVER_SECTORS,
    REGIONS,
    valid_code_shape,
)
from communique.errors import DataFileError

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+|[^\w\s]")
KINDS = ("person", "organisation", "country", "group")
# Answers of :meth:`ActorKB.token_class`.
NOTHING, NAME_START, MISSPELT_COUNTRY = 0, 1, 2


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, fold curly apostrophes and collapse white space: the lookup key form."""
    return _SPACE_RE.sub(" ", text.replace("’", "'").replace("‘", "'").strip()).lower()


@lru_cache(maxsize=65536)
def first_piece(text: str) -> str:
    """The first word or punctuation piece of ``text`` in lookup form (a cheap pre-filter)."""
    match = _WORD_RE.search(normalise(text))
    return match.group(0) if match else ""


def is_acronym(alias: str) -> bool:
    """Aliases written in capitals ("US", "U.S.", "WHO") must match case-sensitively."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class DatedCode:
    """A code valid between two dates (inclusive, ``YYYY-MM-DD``; None = open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def applies(self, date: str | None) -> bool:
        """True when ``date`` lies in the range (an unknown date matches open ranges only)."""
        if self.start is None and self.end is None:
            return True
        if date is None:
            return False
        if self.start is not None and date < self.start:
            return False
        return self.end is None or date <= self.end


@dataclass(frozen=True)
class KBEntry:
    """One actor the knowledge base knows by name."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    source: str
    category: str  # country, capital, seat, igo, media, group, region, dictionary
    dated: tuple[DatedCode, ...] = ()
    curated: bool = True

    def code_on(self, date: str | None) -> str | None:
        """The entry's code on ``date``: a matching dated code, else the default code."""
        for dated in self.dated:
            if (dated.start or dated.end) and dated.applies(date):
                return dated.code
        return self.code


@dataclass(frozen=True)
class Role:
    """A title or generic actor noun and what it says about its holder."""

    phrase: str
    role: str
    sector: str
    agent: str
    kind: str
    country: str | None
    source: str


@dataclass(frozen=True)
class LeaderRole:
    """A curated office held by a named person between two dates."""

    name: str
    country: str
    sector: str
    role: str
    start: str
    end: str | None
    source: str

    def applies(self, date: str | None) -> bool:
        """Held on ``date``; with no date only a current office (no end) applies."""
        if date is None:
            return self.end is None
        return self.start <= date and (self.end is None or date < self.end)


@dataclass(frozen=True)
class DictPerson:
    """A person listed in the Phoenix dictionaries with date-restricted codes."""

    name: str
    codes: tuple[DatedCode, ...]
    source: str

    def office_on(self, date: str | None) -> str | None:
        """A dated non-ELI code (an office) that applies on ``date``, else None."""
        for dated in self.codes:
            if (dated.start or dated.end) and dated.applies(date) and dated.code[3:6] != "ELI":
                return dated.code
        return None

    def code_on(self, date: str | None) -> str | None:
        """The code on ``date``: an office first (CountryInfo lists overlapping "elite" ranges
        with placeholder ends such as 2000-01-01, so an office beats ELI when both apply),
        then any applying dated code, then the undated default."""
        office = self.office_on(date)
        if office is not None:
            return office
        for dated in self.codes:
            if (dated.start or dated.end) and dated.applies(date):
                return dated.code
        return next((c.code for c in self.codes if not (c.start or c.end)), None)


@dataclass
class ActorKB:
    """All shipped (and optionally user-dictionary) actors, indexed for lookup."""

    names: dict[str, list[KBEntry]] = field(default_factory=dict)
    exact_case: dict[str, list[KBEntry]] = field(default_factory=dict)
    first_pieces: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)  # every prefix of every normalised name
    last_words: set[str] = field(default_factory=set)  # last word of every name (pre-filter)
    max_words: int = 1
    roles: dict[str, Role] = field(default_factory=dict)
    role_first_words: set[str] = field(default_factory=set)
    max_role_words: int = 1
    countries: dict[str, KBEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    legacy: dict[str, str] = field(default_factory=dict)
    iso3: frozenset[str] = frozenset()
    leaders: dict[str, list[LeaderRole]] = field(default_factory=dict)
    # People from the Phoenix dictionaries (phoenix_people.tsv): by full name and by surname.
    people: Mapping[str, list[DictPerson]] = field(default_factory=dict)
    people_surnames: Mapping[str, list[DictPerson]] = field(default_factory=dict)
    people_titled: Mapping[str, list[DictPerson]] = field(default_factory=dict)
    cities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> countries
    city_population: Mapping[str, int] = field(default_factory=dict)
    given_gender: dict[str, str] = field(default_factory=dict)  # "Hillary" -> "f"
    ethnic: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # form -> name, home
    # Deletion index of one-word country names and demonyms for :meth:`correct` (built lazily).
    fuzzy: dict[str, set[str]] = field(default_factory=dict)
    corrected: dict[str, str | None] = field(default_factory=dict)  # memo of :meth:`correct`
    # Memo of :meth:`token_class` (cleared by :meth:`add`, which changes the answers).
    token_classes: dict[str, int] = field(default_factory=dict)

    def token_class(self, text: str) -> int:
        """How a token's text can take part in a name match, memoised by text.

        ``NAME_START``: a knowledge-base name may start here; ``MISSPELT_COUNTRY``: the word
        misspells a country name (:meth:`correct`); ``NOTHING`` otherwise. ``kb_matches``
        asks this for every token of every document; most texts recur.
        """
        found = self.token_classes.get(text)
        if found is None:
            if first_piece(text) in self.first_pieces and (
                    text[:1].isalpha() or text[:1] in "'‘’"):
                found = NAME_START
            else:
                fixed = self.correct(text)
                entry = self.lookup(fixed) if fixed else None
                found = MISSPELT_COUNTRY if entry is not None and \
                    entry.category == "country" else NOTHING
            if len(self.token_classes) < 200_000:
                self.token_classes[text] = found
        return found

    def correct(self, word: str) -> str | None:
        """The one-word country name or demonym ``word`` misspells, or None.

        News copy and the PLOVER gold misspell country words ("Ethopia", "Afganistan",
        "Ghanians", "Phillippines", "Quatar"). A capitalised word of 6+ letters that is no
        known name and lies one edit (insertion, deletion, substitution) from exactly one
        country name or demonym of 5+ letters is read as that word. Shorter words and ties
        give None: "Niger"/"Nigeria" are two edits apart, so each stays itself.
        """
        if len(word) < 6 or not word[:1].isupper():
            return None
        if word in self.corrected:  # called for many tokens of every document: memoised
            return self.corrected[word]
        fixed = self._correct(word) if word.isalpha() else None
        if len(self.corrected) < 100_000:
            self.corrected[word] = fixed
        return fixed

    def _correct(self, word: str) -> str | None:
        key = word.lower()
        if key in self.names or key in self.demonyms or key in self.cities:
            return None
        if key in self.people or key in self.leaders:
            return None  # "Hollande" is the French president, not a misspelt "Holland"
        if not self.fuzzy:
            targets = [k for k in self.names if " " not in k and any(
                e.category == "country" for e in self.names[k])]
            targets += [k for k in self.demonyms if " " not in k]
            for target in targets:
                if len(target) < 5 or not target.isalpha():
                    continue
                for variant in {target, *_deletes(target)}:
                    self.fuzzy.setdefault(variant, set()).add(target)
        found: set[str] = set()
        for variant in {key, *_deletes(key)}:
            found.update(t for t in self.fuzzy.get(variant, ()) if one_edit(key, t))
        return found.pop() if len(found) == 1 else None

    def person_code(self, name: str, date: str | None, countries: Collection[str] = (),
                    ) -> tuple[str, DictPerson] | None:
        """The Phoenix-dictionary code of the person called ``name`` on ``date``.

        A full name finds its entry (the first listed when several share it). A single word
        is read as a surname and resolves only when exactly one listed person with that
        surname held an office (a non-ELI dated code) on ``date``: "Bush" in 1990 is George
        H. W. Bush, in 2003 George W. Bush, and an undated article resolves no bare surname.
        """
        key = normalise(name)
        for person in self.people.get(key, ()):
            code = person.code_on(date)
            if code is not None:
                return code, person
        if " " in key or date is None:
            return None
        holders = {p.name: (code, p) for p in self.people_surnames.get(key, ())
                   if (code := p.office_on(date)) is not None}
        if len(holders) > 1 and countries:
            # Two office holders share the surname: the one whose country the article names.
            local = {n: h for n, h in holders.items()
                     if self.country_code(h[0][:3]) in countries}
            holders = local or holders
        if len(holders) > 1:
            # Still two: the one the dictionary itself lists under the bare or titled surname
            # ("President Bush"), i.e. the one the news calls by surname alone.
            titled = {n: h for n, h in holders.items()
                      if any(p is h[1] for p in self.people_titled.get(key, ()))}
            holders = titled or holders
        if not holders:
            # Nobody held an office then (or the date is outside the dictionary's range): the
            # one the news calls by the bare or titled surname ("President Reagan").
            holders = {p.name: (code, p) for p in self.people_titled.get(key, ())
                       if (code := p.code_on(date)) is not None}
        if not holders and len(self.people_surnames.get(key, ())) == 1:
            # A surname only one listed person bears ("Menem"): that person, on the date.
            person = self.people_surnames[key][0]
            code = person.code_on(date)
            holders = {person.name: (code, person)} if code is not None else {}
        if len({h[0][:3] for h in holders.values()}) == 1:
            # One person, or several of one country (two Presidents Bush): the country holds.
            return next(iter(holders.values()))
        return None

    def leader(self, name: str, date: str | None) -> LeaderRole | None:
        """The curated office ``name`` held on ``date`` (None if none applies)."""
        for held in self.leaders.get(normalise(name), ()):
            if held.applies(date):
                return held
        return None

    def add(self, alias: str, entry: KBEntry) -> None:
        """Index ``entry`` under ``alias`` (acronyms case-sensitively)."""
        alias = alias.strip()
        if not alias:
            return
        key = normalise(alias)
        if is_acronym(alias):
            bucket = self.exact_case.setdefault(alias.replace("’", "'"), [])
        else:
            bucket = self.names.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.token_classes.clear()
        self.first_pieces.add(first_piece(alias))
        full = normalise(alias)
        self.last_words.add(full.split()[-1])
        self.prefixes.update(full[:i] for i in range(1, len(full) + 1))
        if full.startswith("the "):
            self.prefixes.update(full[4:i] for i in range(5, len(full) + 1))
        else:
            self.prefixes.update(("the " + full)[:i] for i in range(1, len(full) + 5))
        self.max_words = max(self.max_words, len(key.split()))

    def lookup(self, text: str) -> KBEntry | None:
        """The best entry for a surface form: exact-case acronym, else case-folded name.

        Curated entries win over user-dictionary ones; among equals the first loaded wins.
        """
        surface = text.strip().replace("’", "'")
        found = self.exact_case.get(surface)
        if not found and len(surface) >= 4 and surface.isalpha() and surface.istitle():
            # "Nato", "Opec", "Isis": house styles that write acronyms as words.
            found = [e for e in self.exact_case.get(surface.upper(), [])
                     if e.category in ("igo", "group", "media")]
        if not found:
            key = normalise(text)
            if key.startswith("the "):
                found = self.names.get(key) or self.names.get(key[4:])
            else:
                found = self.names.get(key)
        if not found:
            return None
        curated = [e for e in found if e.curated]
        return (curated or found)[0]

    def role(self, phrase: str) -> Role | None:
        """The role for a title or generic noun ("foreign minister", "rebels")."""
        return self.roles.get(normalise(phrase))

    def country_code(self, code: str) -> str:
        """ISO alpha-3 for a legacy CAMEO country code (JAP -> JPN); other codes unchanged."""
        return self.legacy.get(code, code)

    def valid_country(self, code: str) -> bool:
        """True for ISO alpha-3 codes, PLOVER non-state codes and CAMEO region codes."""
        return code in self.iso3 or code in NON_STATE or code in REGIONS


def _deletes(word: str) -> list[str]:
    """``word`` with one character removed, at every position."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _rows(path: Path, columns: int) -> Iterable[tuple[int, list[str]]]:
    """Data rows of a TSV with a header row, skipping ``#`` comments; checks column counts."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc
    with handle:
        header_seen = False
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE),
                                     start=1):
            if not row or row[0].startswith("#") or not "".join(row).strip():
                continue
            if not header_seen:
                header_seen = True
                continue
            if len(row) != columns:
                raise DataFileError(
                    f"{path.name}:{number}: expected {columns} tab-separated columns, "
                    f"found {len(row)}"
                )
            if not row[0].strip():
                raise DataFileError(f"{path.name}:{number}: empty first column")
            yield number, [cell.strip() for cell in row]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _check_sector(sector: str, where: str) -> None:
    if sector not in PLOVER_SECTORS:
        raise DataFileError(f"{where}: unknown PLOVER sector {sector!r}")


def _load_countries(kb: ActorKB, folder: Path) -> None:
    path = folder / "countries.tsv"
    rows = list(_rows(path, 5))
    kb.iso3 = frozenset(row[0] for _, row in rows)
    for number, (iso3, name, aliases, capitals, demonyms) in rows:
        where = f"{path.name}:{number}"
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise DataFileError(f"{where}: {iso3!r} is not an ISO alpha-3 code")
        entry = KBEntry(name, "country", iso3, None, iso3, where, "country")
        kb.countries[iso3] = entry
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)
        government = KBEntry(name, "country", iso3, "GOV", iso3 + "GOV", where, "capital")
        for capital in _split(capitals):
            kb.add(capital, government)
        for demonym in _split(demonyms):
            kb.demonyms.setdefault(normalise(demonym), iso3)
            if is_acronym(demonym):
                kb.demonyms.setdefault(demonym, iso3)


def _load_historical(kb: ActorKB, folder: Path) -> None:
    """Historical names (Soviet Union, Yugoslavia, Bonn) as aliases of the successor state."""
    path = folder / "historical.tsv"
    for number, (iso3, name, aliases, capitals, demonyms) in _rows(path, 5):
        entry = kb.countries.get(iso3)
        if entry is None:
            raise DataFileError(f"{path.name}:{number}: {iso3!r} is not a known ISO code")
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)
        government = KBEntry(entry.name, "country", iso3, "GOV", iso3 + "GOV",
                             f"{path.name}:{number}", "capital")
        for capital in _split(capitals):
            kb.add(capital, government)
        for demonym in _split(demonyms):
            kb.demonyms.setdefault(normalise(demonym), iso3)


def _load_regions(kb: ActorKB, folder: Path) -> None:
    """Regions and provinces: place names of a country (category ``region``)."""
    path = folder / "regions.tsv"
    for number, (name, aliases, country) in _rows(path, 3):
        if country not in kb.iso3:
            raise DataFileError(f"{path.name}:{number}: unknown country {country!r}")
        entry = KBEntry(name, "country", country, None, country, f"{path.name}:{number}",
                        "region")
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)


def _load_ethnic(kb: ActorKB, folder: Path) -> None:
    """Ethnic and minority group names with an optional home country."""
    path = folder / "ethnic.tsv"
    for number, (name, forms, home) in _rows(path, 3):
        if home and home not in kb.iso3:
            raise DataFileError(f"{path.name}:{number}: unknown country {home!r}")
        for form in [name, *_split(forms)]:
            kb.ethnic.setdefault(normalise(form), (name, home or None))


def _load_legacy(kb: ActorKB, folder: Path) -> None:
    path = folder / "legacy_cameo.tsv"
    for number, (legacy, iso3, _note) in _rows(path, 3):
        if iso3 not in kb.iso3:
            raise DataFileError(f"{path.name}:{number}: {iso3!r} is not a known ISO code")
        if legacy in kb.legacy:
            raise DataFileError(f"{path.name}:{number}: duplicate legacy code {legacy!r}")
        kb.legacy[legacy] = iso3


def _load_named(kb: ActorKB, folder: Path, filename: str, category: str, kind: str) -> None:
    """IGOs, media and groups: name, aliases, country, sector, code."""
    path = folder / filename
    for number, (name, aliases, country, sector, code) in _rows(path, 5):
        where = f"{path.name}:{number}"
        if not kb.valid_country(country):
            raise DataFileError(f"{where}: unknown country or non-state code {country!r}")
        if sector:
            _check_sector(sector, where)
        if not valid_code_shape(code):
            raise DataFileError(f"{where}: malformed code {code!r}")
        entry_kind = "group" if category == "group" and country in REGIONS else kind
        entry = KBEntry(name, entry_kind, country, sector or None, code, where, category)
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)


def _load_seats(kb: ActorKB, folder: Path) -> None:
    path = folder / "seats.tsv"
    for number, (name, aliases, country, sector, agent) in _rows(path, 5):
        where = f"{path.name}:{number}"
        if country not in kb.iso3:
            raise DataFileError(f"{where}: unknown country {country!r}")
        _check_sector(sector, where)
        if agent not in CAMEO_AGENTS:
            raise DataFileError(f"{where}: unknown CAMEO agent {agent!r}")
        entry = KBEntry(name, "organisation", country, sector, country + agent, where, "seat")
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)


def _plurals(phrase: str) -> list[str]:
    words = phrase.split()
    last = words[-1]
    if last.endswith("man"):
        forms = [last[:-3] + "men"]
    elif last.endswith("y") and not last.endswith(("ey", "ay", "oy")):
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "x", "ch", "sh")):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [" ".join([*words[:-1], form]) for form in forms]


def _load_roles(kb: ActorKB, folder: Path) -> None:
    path = folder / "roles.tsv"
    explicit: set[str] = set()
    for number, (phrase, role_name, sector, agent, kind, country) in _rows(path, 6):
        where = f"{path.name}:{number}"
        _check_sector(sector, where)
        for element in (agent[i : i + 3] for i in range(0, len(agent), 3)):
            if element not in CAMEO_AGENTS:
                raise DataFileError(f"{where}: unknown CAMEO agent {element!r}")
        if kind not in KINDS:
            raise DataFileError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if country and not kb.valid_country(country):  # ISO, or NGO/IGO for a role with none
            raise DataFileError(f"{where}: unknown country {country!r}")
        key = normalise(phrase)
        if key in explicit:
            raise DataFileError(f"{where}: duplicate role phrase {phrase!r}")
        explicit.add(key)
        role = Role(key, role_name, sector, agent, kind, country or None, where)
        kb.roles[key] = role
        forms = [key]
        if kind in ("group", "organisation") or key in ("official", "soldier", "diplomat"):
            forms += _plurals(key)
        for form in forms:
            kb.roles.setdefault(form, role)
            kb.role_first_words.add(form.split()[0])
            # Hyphenated roles ("hostage-takers") start with the token before the hyphen.
            kb.role_first_words.add(form.split()[0].split("-")[0])
            kb.max_role_words = max(kb.max_role_words, len(form.split()))


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _load_leaders(kb: ActorKB, folder: Path) -> None:
    path = folder / "leaders.tsv"
    surnames: dict[str, set[str]] = {}
    by_surname: dict[str, list[LeaderRole]] = {}
    for number, (name, aliases, country, sector, role, start, end) in _rows(path, 7):
        where = f"{path.name}:{number}"
        if not kb.valid_country(country):
            raise DataFileError(f"{where}: unknown country {country!r}")
        _check_sector(sector, where)
        if not _DATE_RE.fullmatch(start) or (end and not _DATE_RE.fullmatch(end)):
            raise DataFileError(f"{where}: dates must be YYYY-MM-DD")
        if end and end < start:
            raise DataFileError(f"{where}: office ends before it starts")
        held = LeaderRole(name, country, sector, role, start, end or None, where)
        for alias in [name, *_split(aliases)]:
            kb.leaders.setdefault(normalise(alias), []).append(held)
        surnames.setdefault(normalise(name.split()[-1]), set()).add(name)
        by_surname.setdefault(normalise(name.split()[-1]), []).append(held)
    # A bare surname ("Trump") finds a curated office only when one curated person has it.
    for surname, names in surnames.items():
        if len(names) == 1 and surname not in kb.leaders:
            kb.leaders[surname] = by_surname[surname]


def _read_phoenix_people(kb: ActorKB, path: Path) -> tuple[dict[str, list[DictPerson]], ...]:
    """Read and validate ``phoenix_people.tsv``: (by full name or alias, by surname, by bare
    or titled surname). Needs the countries, legacy codes and roles loaded first."""
    people: dict[str, list[DictPerson]] = {}
    surnames: dict[str, list[DictPerson]] = {}
    titled: dict[str, list[DictPerson]] = {}
    short: dict[str, list[DictPerson]] = {}
    for number, (name, aliases, codes, _source) in _rows(path, 4):
        where = f"{path.name}:{number}"
        dated: list[DatedCode] = []
        for cell in _split(codes):
            code, _, span = cell.partition("@")
            start, _, end = span.partition("/")
            if not valid_code_shape(code) or not (
                    kb.valid_country(kb.country_code(code[:3])) or code[:3] in kb.legacy):
                raise DataFileError(f"{where}: malformed or unknown code {code!r}")
            for day in (start, end):
                if day and not _DATE_RE.fullmatch(day):
                    raise DataFileError(f"{where}: dates must be YYYY-MM-DD")
            dated.append(DatedCode(code, start or None, end or None))
        person = DictPerson(name, tuple(dated), where)
        for alias in [name, *_split(aliases)]:
            people.setdefault(normalise(alias), []).append(person)
        surname = normalise(name).split()[-1]
        surnames.setdefault(surname, []).append(person)
        words = normalise(name).split()
        if len(words) >= 3:  # "Carlos Saul Menem" is also "Carlos Menem"
            short.setdefault(f"{words[0]} {words[-1]}", []).append(person)
        for alias in _split(aliases):
            words = normalise(alias).split()
            if words[-1] == surname and (len(words) == 1 or (
                    len(words) == 2 and words[0] in kb.roles)):
                titled.setdefault(surname, []).append(person)
    for key, found in short.items():
        if len(found) == 1 and key not in people:  # only unambiguous first + last names
            people[key] = found
    return people, surnames, titled


def phoenix_indexes(folder: Path) -> tuple[dict[str, list[DictPerson]], ...]:
    """The people indexes of ``folder``'s ``phoenix_people.tsv``, checked against the
    folder's countries, legacy codes and roles (what the compiled table is built from)."""
    kb = ActorKB()
    _load_countries(kb, folder)
    _load_legacy(kb, folder)
    _load_roles(kb, folder)
    return _read_phoenix_people(kb, folder / "phoenix_people.tsv")


def _load_phoenix_people(kb: ActorKB, folder: Path) -> None:
    """People derived from the Phoenix dictionaries (generated by
    ``scripts/build_phoenix_people.py``; MIT, attribution in the file header), read through
    their compiled table (:mod:`communique.actors.people_index`)."""
    from communique.actors.people_index import PeopleIndex, PeopleStore

    path = folder / "phoenix_people.tsv"
    if not path.exists():
        return
    # The reader's answers depend on these files too (codes, legacy codes, role words).
    sources = [path, *(folder / name for name in ("countries.tsv", "legacy_cameo.tsv",
                                                  "roles.tsv") if (folder / name).exists())]
    store = PeopleStore(sources, folder)
    kb.people = PeopleIndex(store, "people")
    kb.people_surnames = PeopleIndex(store, "surnames")
    kb.people_titled = PeopleIndex(store, "titled")


def _load_phoenix_groups(kb: ActorKB, folder: Path) -> None:
    """Armed non-state groups derived from the Phoenix dictionaries (not curated: a curated
    entry with the same name wins)."""
    path = folder / "phoenix_groups.tsv"
    if not path.exists():
        return
    for number, (name, aliases, code, _source) in _rows(path, 4):
        where = f"{path.name}:{number}"
        if not valid_code_shape(code) or not kb.valid_country(code[:3]):
            raise DataFileError(f"{where}: malformed or unknown code {code!r}")
        sector = next((s for s in (code[i : i + 3] for i in range(3, len(code), 3))
                       if s in PLOVER_SECTORS), None)
        entry = KBEntry(name, "group", code[:3], sector, code, where, "group", curated=False)
        for alias in [name, *_split(aliases)]:
            kb.add(alias, entry)


def _load_given_names(kb: ActorKB, folder: Path) -> None:
    """Given names that name one sex ("Hillary" f, "Donald" m), for binding pronouns."""
    path = folder / "given_names.tsv"
    if not path.exists():
        return
    for number, (name, gender) in _rows(path, 2):
        if gender not in ("f", "m"):
            raise DataFileError(f"{path.name}:{number}: gender must be f or m, not {gender!r}")
        kb.given_gender[name] = gender


def read_cities(folder: Path) -> dict[str, tuple[tuple[str, ...], int]]:
    """``folder``'s ``cities.tsv`` checked against its countries: lookup key -> (countries,
    most populous first; population), the first row of a name winning (what the compiled
    table of :mod:`communique.actors.citytable` is built from)."""
    kb = ActorKB()
    _load_countries(kb, folder)
    path = folder / "cities.tsv"
    cities: dict[str, tuple[tuple[str, ...], int]] = {}
    for number, (name, countries, population) in _rows(path, 3):
        codes = tuple(_split(countries))
        if not codes or any(c not in kb.iso3 for c in codes):
            raise DataFileError(f"{path.name}:{number}: unknown country in {countries!r}")
        if not population.isdigit():
            raise DataFileError(f"{path.name}:{number}: population must be a number")
        cities.setdefault(normalise(name), (codes, int(population)))
    return cities


def _load_cities(kb: ActorKB, folder: Path) -> None:
    """Cities from GeoNames (``scripts/build_cities.py``): name -> countries, most populous
    first. Consulted only for spans the parser tags as places, so read through a compiled
    table (:mod:`communique.actors.citytable`): a short text asks for a few names of 30,000."""
    from communique.actors.citytable import CityStore

    if not (folder / "cities.tsv").exists():
        return
    store = CityStore(folder)
    kb.cities = store.countries
    kb.city_population = store.population


def build_kb(folder: Path = KB_DIR) -> ActorKB:
    """Read and validate every knowledge-base file in ``folder`` (raises DataFileError)."""
    kb = ActorKB()
    _load_countries(kb, folder)
    _load_legacy(kb, folder)
    _load_historical(kb, folder)
    _load_regions(kb, folder)
    _load_ethnic(kb, folder)
    _load_seats(kb, folder)
    _load_named(kb, folder, "igos.tsv", "igo", "organisation")
    _load_named(kb, folder, "media.tsv", "media", "organisation")
    _load_named(kb, folder, "groups.tsv", "group", "group")
    _load_named(kb, folder, "parties.tsv", "group", "organisation")
    _load_roles(kb, folder)
    _load_leaders(kb, folder)
    _load_phoenix_people(kb, folder)
    _load_cities(kb, folder)
    _load_phoenix_groups(kb, folder)
    _load_given_names(kb, folder)
    return kb


@lru_cache(maxsize=4)
def load_kb(folder: Path = KB_DIR) -> ActorKB:
    """The knowledge base in ``folder``, built once per process (module-level cache)."""
    return build_kb(folder)


@lru_cache(maxsize=4)
def load_leaders_kb(folder: Path = KB_DIR) -> ActorKB:
    """Only the countries and the curated office holders of ``folder`` (cached).

    The corpus step needs no more to keep curated offices above learned facts; the whole
    knowledge base took 0.8 s to build there, a fifth of the step on 200 articles.
    """
    kb = ActorKB()
    _load_countries(kb, folder)
    _load_legacy(kb, folder)
    _load_leaders(kb, folder)
    return kb
