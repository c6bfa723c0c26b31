"""Running the per-article pipeline at scale: batches, worker processes, a Dask backend.

The modules here are imported only by ``ingest`` and ``bench`` (never by ``import
communique``), so the package import stays light:

- :mod:`communique.run.batch` — what one worker does with one batch of raw documents
  (plain data in, plain ``communique/1`` dicts or per-document error records out).
- :mod:`communique.run.limits` — the per-document time limit.
- :mod:`communique.run.executors` — the in-process executor and the interface all share.
- :mod:`communique.run.pool` — the local multi-process executor (``--workers N``).
- :mod:`communique.run.dask_executor` — the Dask distributed executor (``--cluster``).
- :mod:`communique.run.progress` — progress bar on a terminal, log lines otherwise.
- :mod:`communique.run.bench` — end-to-end ingest benchmarks (vs bare spaCy, scaling,
  memory).
"""
