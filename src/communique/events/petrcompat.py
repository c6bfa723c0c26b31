"""Actor coding the way PETRARCH does it, from its own actor and agent dictionaries.

Used by the ``petrarch`` evaluation suite (PETRARCH compatibility): with PETRARCH's
``.actors`` and ``.agents`` files loaded, the entities of a sentence are built from the
dictionary phrases found in its text, combined as PETRARCH combines them inside a noun
phrase:

* an actor phrase gives its code; a date-restricted entry gives the code valid on the
  record's date (the first restricted code whose range holds it, else the unrestricted one);
* an agent phrase (singular or regular plural; ``!PERSON!``-style substitutions expanded)
  adds its code to the actor it modifies: "Gondor's main opposition group", "Osgiliath
  soldiers" (actor before the agent, possibly with adjectives between), "soldiers from
  Gondor", "the ambassadors of Arnor, Osgiliath and Gondor" (an "of/from/in" actor, shared by
  coordinated actors), "MSF Arnor" (agent right before the actor);
* coordinated agents share the actor: "lawmakers and officials in Fornost" gives two codes;
* an agent with no actor codes as ``---`` plus the agent ("students" -> ``---EDU``);
* a proper name right after an agent that took an actor ("Bree Prime Minister Romendacil")
  is the same person and belongs to that entity.

Several codes for one entity are joined with ``/`` (the dictionaries' own convention for
"The Shire [FRO/BIL/SAM]"); the suite expands them into one triple per code.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PLURAL = r"(?:s|es)?"


@dataclass
class _Actor:
    start: int
    end: int
    code: str
    agents: list[str] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Dictionaries:
    """Actor phrases with their dated codes and agent phrases with their codes."""

    actors: list[tuple[str, list[tuple[str, str | None, str | None]]]]
    agents: list[tuple[str, str, bool]]


def load_dictionaries(folder: Path, actors_file: str = "PETR.Validate.actors.txt",
                      agents_file: str = "PETR.Validate.agents.txt") -> Dictionaries:
    """Read PETRARCH actor and agent files (the actors package's reader; warnings muted:
    the validation files use codes outside the CAMEO tables on purpose)."""
    from communique.actors.kb import load_kb
    from communique.actors.petrarch import DictionaryWarning, read_actors, read_agents

    kb = load_kb()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DictionaryWarning)
        records = read_actors(folder / actors_file, kb)
        agent_records = read_agents(folder / agents_file, kb)
    actors: list[tuple[str, list[tuple[str, str | None, str | None]]]] = []
    for record in records:
        if not record.codes:
            continue
        codes = [(c.code.upper(), c.start, c.end) for c in record.codes]
        for phrase in [record.name, *record.synonyms]:
            if phrase and not phrase.startswith("!"):
                actors.append((phrase.lower(), codes))
    actors.sort(key=lambda item: -len(item[0]))
    substitutions = _substitutions(folder / agents_file)
    agents: list[tuple[str, str, bool]] = []
    for agent in agent_records:
        for phrase in _expand(agent.phrase, substitutions):
            agents.append((phrase, agent.code, agent.prefix))
    agents.sort(key=lambda item: -len(item[0]))
    return Dictionaries(actors, agents)


def _substitutions(path: Path) -> dict[str, list[str]]:
    """``!PERSON! = MAN, MEN, WOMAN`` lines of an agents file."""
    out: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.+)$", raw.split("#", 1)[0])
        if match:
            out[match.group(1).lower()] = [w.strip().lower().replace("_", " ")
                                           for w in match.group(2).split(",") if w.strip()]
    return out


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    if "!" not in phrase:
        return [phrase]
    for key, words in substitutions.items():
        if key in phrase:
            return [p for w in words for p in _expand(phrase.replace(key, w), substitutions)]
    return []  # an unknown substitution marker: the entry cannot match text


def dated_code(codes: Sequence[tuple[str, str | None, str | None]], when: str | None) -> str:
    """The code valid on ``when`` (ISO date): the first restricted code whose range holds
    it, else the first unrestricted code (PETRARCH's reading of ``[HOB <950601]`` lists)."""
    if when:
        for code, start, end in codes:
            if start is None and end is None:
                continue
            if (start is None or start <= when) and (end is None or when < end):
                return code
    for code, start, end in codes:
        if start is None and end is None:
            return code
    return codes[0][0]


def _find(pattern: str, lower: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for match in re.finditer(pattern, lower):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        out.append((start, end))
    return out


_GAP_WORDS = re.compile(r"^(?:'s)?(?:\s+[a-z][\w-]*){0,3}?\s+$")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
_OF = re.compile(r"^\s+(?:of|from|in)\s+(?:the\s+)?$")
_COORD = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def entities(text: str, dictionaries: Dictionaries, when: str | None = None
             ) -> list[dict[str, Any]]:
    """Entity records (``communique_entities`` shape) for ``text`` coded from the
    dictionaries on date ``when`` (ISO ``YYYY-MM-DD`` or ``None``)."""
    lower = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[_Actor] = []
    for phrase, codes in dictionaries.actors:
        for start, end in _find(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", lower, taken):
            found.append(_Actor(start, end, dated_code(codes, when)))
    found.sort(key=lambda a: a.start)
    agent_spans: list[tuple[int, int, str, bool]] = []
    for phrase, code, prefix in dictionaries.agents:
        pattern = r"(?<![\w])" + re.escape(phrase) + _PLURAL + r"(?![\w])"
        if phrase.endswith("y"):
            pattern = r"(?<![\w])" + re.escape(phrase[:-1]) + r"(?:y|ies)(?![\w])"
        for start, end in _find(pattern, lower, taken):
            agent_spans.append((start, end, code, prefix))
    agent_spans.sort()
    # Coordinated agents ("lawmakers and officials") act as one group.
    groups: list[list[tuple[int, int, str, bool]]] = []
    for span in agent_spans:
        if groups and _COORD.match(lower[groups[-1][-1][1]:span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    out: list[dict[str, Any]] = []
    for group in groups:
        g_start, g_end = group[0][0], group[-1][1]
        agent_codes = [(code, prefix) for _, _, code, prefix in group]
        targets = _modified(found, lower, g_start, g_end)
        if not targets:
            out.append(_record(len(out), text, [(g_start, g_end)],
                               "/".join("---" + c for c, _ in agent_codes)))
            continue
        if len(targets) > 1:
            # "the ambassadors of Arnor, Osgiliath and Gondor": one group entity.
            for actor in targets:
                actor.code = "\x00"  # consumed
            combined = [_combine(a_code, agent_codes)
                        for a_code in (t.agents[0] for t in targets)]
            spans = [(g_start, g_end)] + [(t.start, t.end) for t in targets]
            out.append(_record(len(out), text, spans, "/".join(combined)))
            continue
        actor = targets[0]
        actor.agents.append(_combine(actor.agents[-1] if actor.agents else actor.code,
                                     agent_codes))
        actor.extra.append((g_start, g_end))
        # "Bree Prime Minister Romendacil": the name after the agent is the same person.
        for other in found:
            if other is not actor and other.start >= g_end and \
                    lower[g_end:other.start].strip() == "" and g_end > actor.start:
                other.code = "\x00"
                actor.extra.append((other.start, other.end))
    for actor in found:
        if actor.code == "\x00":
            continue
        code = actor.agents[-1] if actor.agents else actor.code
        spans = [(actor.start, actor.end), *actor.extra]
        out.append(_record(len(out), text, [(min(s for s, _ in spans),
                                             max(e for _, e in spans))], code))
    return out


def _combine(actor_code: str, agents: list[tuple[str, bool]]) -> str:
    """Actor code plus each agent code ("/"-joined when agents are coordinated); a code that
    already carries the agent ("USAGOV" + "GOV") is not extended twice."""
    out = []
    for part in actor_code.split("/"):
        for code, prefix in agents:
            if part.endswith(code) or (prefix and part.startswith(code)):
                out.append(part)
            else:
                out.append(code + part if prefix else part + code)
    return "/".join(dict.fromkeys(out))


def _modified(found: list[_Actor], lower: str, start: int, end: int) -> list[_Actor]:
    """The actor(s) an agent phrase at [start, end) belongs to (see the module doc)."""
    for index, actor in enumerate(found):
        if actor.code == "\x00" or actor.start < end:
            continue
        if _OF.match(lower[end:actor.start]):
            # "the ambassadors of Arnor, Osgiliath and Gondor": coordinated actors share it.
            targets = [actor]
            for other in found[index + 1:]:
                if other.code != "\x00" and _COORD.match(lower[targets[-1].end:other.start]):
                    targets.append(other)
                else:
                    break
            for t in targets:
                t.agents = [t.agents[-1] if t.agents else t.code]
            return targets
        break
    for actor in reversed(found):
        if actor.code == "\x00" or actor.end > start:
            continue
        gap = lower[actor.end:start]
        if _GAP_WORDS.match(gap) and not _DETERMINERS & set(gap.split()):
            return [actor]
        break
    for actor in found:
        if actor.code != "\x00" and actor.start >= end and lower[end:actor.start].strip() == "":
            return [actor]  # "MSF Arnor", "an MSF Arnor diplomat"
    return []


def _record(index: int, text: str, spans: list[tuple[int, int]], code: str) -> dict[str, Any]:
    start = spans[0][0]
    end = spans[0][1]
    return {
        "id": f"E{index + 1}", "name": text[start:end], "kind": "group",
        "country": code[:3], "sector": None, "code": code, "role": None,
        "mentions": [{"start": s, "end": e, "text": text[s:e], "type": "name"}
                     for s, e in spans],
        "evidence": [],
    }
