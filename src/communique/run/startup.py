"""Startup as a user meets it: whole processes timed from start to exit.

Every interactive ``communique extract``, every worker and every test that starts the CLI
pays the start-up: Python, spaCy and its model, and the project's own data (knowledge base,
lexicons, compiled tables). The baseline is the least any spaCy tool pays: a bare script
that loads the same model and parses the same text. Both run alternately, ``rounds`` times
each, after one untimed run of each (the compiled tables of ``communique.datacache`` are
built once per machine, not per run); the figures are medians. Each command's CPU time
(user and system, from the operating system's accounting of the finished process) is
reported too: on a machine busy with other work the wall-clock figures swing by seconds
while the CPU figures barely move.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from communique.nlp.pipeline import resolve_model_name

# One short news article (written for the benchmark).
DEFAULT_TEXT = (
    "Kenya's foreign minister met his Ethiopian counterpart in Addis Ababa on Monday to "
    "discuss the disputed border, officials said. \"We agreed to resume talks next month,\" "
    "the minister told reporters after the meeting.\n"
)
_CLI = "import sys; from communique.cli import main; sys.exit(main())"


@dataclass
class StartupBench:
    """Median whole-process seconds of each command, and what communique adds."""

    model: str
    rounds: int
    extract_seconds: float
    bare_seconds: float
    overhead_seconds: float
    import_seconds: float
    help_seconds: float
    extract_cpu_seconds: float = 0.0
    bare_cpu_seconds: float = 0.0
    overhead_cpu_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def timed_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(text: str = DEFAULT_TEXT, *, rounds: int = 3,
            model: str | None = None) -> StartupBench:
    """Time ``communique extract`` on one short article against a bare spaCy script that
    loads the same model and parses the same text, and ``import communique`` and
    ``communique --help`` on their own."""
    name = resolve_model_name(model)
    env = {**os.environ, "COMMUNIQUE_MODEL": name}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        commands = {
            "extract": [sys.executable, "-c", _CLI, "extract", str(path)],
            "bare": [sys.executable, "-c",
                     f"import spacy; nlp = spacy.load({name!r}); "
                     f"nlp(open({str(path)!r}, encoding='utf-8').read())"],
            "import": [sys.executable, "-c", "import communique"],
            "help": [sys.executable, "-c", _CLI, "--help"],
        }
        for command in commands.values():
            timed_process(command, env)  # warm-up: compiled tables, the OS file cache
        times: dict[str, list[tuple[float, float]]] = {key: [] for key in commands}
        for _ in range(max(1, rounds)):
            for key, command in commands.items():
                times[key].append(timed_process(command, env))
    median = {key: round(statistics.median(wall for wall, _ in values), 3)
              for key, values in times.items()}
    cpu = {key: round(statistics.median(used for _, used in values), 3)
           for key, values in times.items()}
    return StartupBench(model=name, rounds=max(1, rounds), extract_seconds=median["extract"],
                        bare_seconds=median["bare"],
                        overhead_seconds=round(median["extract"] - median["bare"], 3),
                        import_seconds=median["import"], help_seconds=median["help"],
                        extract_cpu_seconds=cpu["extract"], bare_cpu_seconds=cpu["bare"],
                        overhead_cpu_seconds=round(cpu["extract"] - cpu["bare"], 3))
