"""Actors: who is who in an article, coded by country, sector, role and CAMEO-style code.

Modules: ``codes`` (PLOVER sectors, CAMEO agents), ``kb`` (shipped knowledge base under
``communique/data/kb``), ``petrarch`` (TABARI/PETRARCH user dictionaries), ``mentions``,
``resolve``, ``cluster`` and ``pronouns`` (in-document resolution, run by the
``communique_actors`` component in ``component``), ``learning`` (facts learned across
articles, ``KnowledgeBase`` and the corpus-level ``apply_learned``), ``lookup`` (span ->
entity, used by quotes and events). The hand-checked AllSides cases are evaluation code:
``communique.evaluate.actor_cases``.
"""
