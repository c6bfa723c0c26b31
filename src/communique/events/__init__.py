"""Events: PLOVER and CAMEO coding of news sentences, with modality, dates and places.

Modules: ``verbdict`` (PETRARCH verb-dictionary reader), ``lexicon`` (shipped + user pattern
files, trigger matching), ``cameo`` (CAMEO table: Goldstein, quad, PLOVER mapping), ``roles``
(actors and recipients from the dependency parse), ``salience`` (which coded triggers are
events a report is about: the precision filters), ``modality``, ``dates``, ``places``,
``fallback`` (entities when the actors component has not run), ``coder`` (assembly) and
``component`` (the spaCy component's logic).
"""
