"""The start-up benchmark times whole processes (figures checked for shape only)."""

from __future__ import annotations

from communique.run.startup import startup


def test_startup_bench_times_each_command() -> None:
    result = startup("Kenya and Ethiopia agreed to hold talks on the border dispute.\n",
                     rounds=1).to_dict()
    assert result["rounds"] == 1 and result["model"].startswith("en_")
    assert result["extract_seconds"] > result["import_seconds"] > 0
    assert result["bare_seconds"] > 0 and result["help_seconds"] > 0
    assert result["overhead_seconds"] == round(result["extract_seconds"]
                                               - result["bare_seconds"], 3)
    assert result["extract_cpu_seconds"] > 0 and result["bare_cpu_seconds"] > 0
    assert result["overhead_cpu_seconds"] == round(result["extract_cpu_seconds"]
                                                   - result["bare_cpu_seconds"], 3)
