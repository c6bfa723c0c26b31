"""Evaluation suites: measure communique against gold data (``communique evaluate``)."""

from communique.evaluate.registry import (
    EvalReport,
    Metric,
    find_data_dir,
    get_suite,
    register_suite,
    suite_names,
)

__all__ = ["EvalReport", "Metric", "find_data_dir", "get_suite", "register_suite", "suite_names"]
