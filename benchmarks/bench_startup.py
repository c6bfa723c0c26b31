"""Benchmark: start-up as a user meets it, whole processes from start to exit.

Usage: ``.venv/bin/python benchmarks/bench_startup.py [--rounds N] [--model NAME]``.
``communique extract`` on one short article against a bare script that loads the same spaCy
model and parses the same text, run alternately (medians of ``--rounds`` runs each), plus
``import communique`` and ``communique --help``; wall-clock and CPU seconds (the CPU figures
hold still on a busy machine). Writes ``results/startup.json``.
Targets (issue "Performance as a user sees it"): extract at most bare + 0.6 s; import and
--help under 0.3 s.
"""

from __future__ import annotations

import argparse

from _common import save

from communique.run.startup import startup

TARGET_OVERHEAD = 0.6
TARGET_QUICK = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    result = startup(rounds=args.rounds, model=args.model)
    save("startup", result.to_dict())
    for label, value, target in (("extract overhead", result.overhead_seconds, TARGET_OVERHEAD),
                                 ("extract overhead (CPU)", result.overhead_cpu_seconds,
                                  TARGET_OVERHEAD),
                                 ("import", result.import_seconds, TARGET_QUICK),
                                 ("--help", result.help_seconds, TARGET_QUICK)):
        verdict = "meets" if value <= target else "MISSES"
        print(f"{label} {value} s {verdict} the {target} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
