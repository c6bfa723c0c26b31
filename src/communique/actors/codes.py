"""Code tables: PLOVER sectors, CAMEO agent codes, non-state "country" codes, and how they relate.

Why a separate module: the shipped knowledge base, the PETRARCH dictionary loader and the
resolver all validate and translate codes the same way.
"""

from __future__ import annotations

import re

# PLOVER 2.0 manual, "Sector Codes" table (../shared/data/plover/PLOVER_MANUAL.tex).
PLOVER_SECTORS: frozenset[str] = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
})

# PLOVER's international non-state "country" codes, plus the CAMEO region codes a few
# collective actors need ("the West" is WST; "Arab states" MEA).
NON_STATE: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
REGIONS: frozenset[str] = frozenset({
    "WST", "AFR", "ASA", "BLK", "CAS", "CAU", "CRB", "DEV", "EAF", "EEU", "EIN", "LAM", "MEA",
    "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU",
})

# CAMEO agent (role) codes that appear in stacked codes (CAMEO 1.1b3 manual, ch. 2, and the
# Phoenix agents dictionary). Mapped to the PLOVER sector they correspond to; None where no
# sector applies (religion, ethnicity and organisation tags).
CAMEO_AGENTS: dict[str, str | None] = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "REB": "REB",
    "OPP": "OPP", "PTY": "PTY", "SPY": "SPY", "UAF": "UAF", "INS": "REB", "SEP": "REB",
    "MED": "JRN", "HLH": "MED", "EDU": "EDU", "BUS": "BUS", "CRM": "CRM", "CVL": "CVL",
    "REF": "REF", "LAB": "LAB", "AGR": "AGR", "ELI": "ELI", "HRI": "SOC", "ENV": "SOC",
    "NGO": "SOC", "NGM": "SOC", "IGO": None, "MNC": "BUS", "REL": "REL", "MOD": None,
    "RAD": None, "MOS": None, "CHR": None, "JEW": None, "BUD": None, "HIN": None, "PRM": "PRM",
    "UNK": "UNK", "SOC": "SOC", "JRN": "JRN", "PRE": "PRE", "DEV": None, "SET": None,
    "IMG": None, "SPR": None, "CIV": "CVL",
}

# A sector written in gold data or in dictionaries with an old spelling.
SECTOR_ALIASES: dict[str, str] = {"CIV": "CVL", "HLH": "MED"}

_CODE_RE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")


def valid_code_shape(code: str) -> bool:
    """True when ``code`` is a stack of 3-character upper-case elements."""
    return bool(_CODE_RE.match(code))


def is_actor_prefix(prefix: str, iso3: frozenset[str], legacy: dict[str, str]) -> bool:
    """True when a 3-letter code can start an actor code (country, non-state, region)."""
    return prefix in iso3 or prefix in legacy or prefix in NON_STATE or prefix in REGIONS


def sector_of_code(code: str) -> str | None:
    """The PLOVER sector of a stacked code: its first element after the actor prefix that
    names a sector ("RUSGOVMED" -> GOV, "IGOUNOHLH" -> MED)."""
    for i in range(3, len(code) - 2, 3):
        element = code[i : i + 3]
        sector = CAMEO_AGENTS.get(element)
        if sector is not None:
            return sector
    return None
