"""Stable identifiers for actors across a corpus (the PLOVER ``identifier_id``).

Entities are stored per article (``entities``: article id + entity id), so "Sergei Lavrov"
in two articles is two rows. An *actor identity* is what those rows share: the entity's
canonical name (the name of its mention cluster, not the pronoun or surname the sentence
used) and its country. Its id is a hash of that key, like every other id in the store
(see ``docs/database.md``): it depends on nothing but the name and country, so it is the
same in every database, after any re-ingest and in any order of input.

Sector and code are left out of the key on purpose: they change with the office held
("Donald Trump" is USAELI in 2015 and USAGOV in 2017, one person). The country stays in
it: "the police" of Egypt and of the United States are different actors. Name variants
are not merged ("Lavrov" alone and "Sergei Lavrov" are two identities): nothing in the
store says two different names are one actor.
"""

from __future__ import annotations

from communique.store.similarity import normalize
from communique.store.writer import sha1

IDENTITY_PREFIX = "ac-"


def identity_key(name: str | None, country: str | None, code: str | None = None) -> str:
    """The key an actor identity is hashed from: normalised canonical name and country.

    A party with no name (a bare code) is keyed by its code, so it still gets an id.
    """
    label = normalize(name) if name else ""
    if not label:
        label = "#" + (code or country or "").upper()
    return f"{label}|{(country or '').upper()}"


def actor_identity_id(name: str | None, country: str | None, code: str | None = None) -> str:
    """``ac-`` + 16 hex digits of the hash of :func:`identity_key`."""
    return IDENTITY_PREFIX + sha1(["actor", identity_key(name, country, code)])[:16]
