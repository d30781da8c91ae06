"""The package's structure rules, checked with ``ast`` (no import of the code):

* no module over :data:`MAX_MODULE_LINES` lines, no function whose code (docstring excluded)
  is over :data:`MAX_FUNCTION_LINES` lines;
* no ``_private`` name of one module imported or read by another module of the package
  (packages talk through public functions);
* no import cycle between modules (a package's ``__init__`` re-exporting its children does not
  count, as in ``../shared/tools/structure_check.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsnlp"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()
TREES = {name: ast.parse(path.read_text("utf-8")) for name, path in MODULES.items()}
PACKAGES = sorted({name.split(".")[1] for name in MODULES if name.count(".") >= 1})


def _package_of(name: str) -> str:
    return name.split(".")[1] if "." in name else ""


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of the function without its docstring."""
    lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    body = node.body
    first = body[0] if body else None
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    if docstring and isinstance(first.value.value, str):  # type: ignore[union-attr]
        lines -= first.end_lineno - first.lineno + 1  # type: ignore[union-attr,operator]
    return lines


def _imports(name: str, tree: ast.Module) -> list[tuple[str, str | None, str | None]]:
    """(module imported, name imported or None, local alias) for every newsnlp import."""
    is_pkg = MODULES[name].name == "__init__.py"
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")[: None if is_pkg else -1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([base] if base else [])])
            if base.split(".")[0] != "newsnlp":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:  # a module imported from its package
                    out.append((full, None, alias.asname or alias.name))
                else:
                    out.append((base, alias.name, alias.asname or alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "newsnlp":
                    out.append((alias.name, None, alias.asname))
    return out


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@pytest.mark.parametrize("package", PACKAGES)
def test_modules_and_functions_are_small(package):
    problems = []
    for name, path in MODULES.items():
        if _package_of(name) != package:
            continue
        lines = path.read_text("utf-8").count("\n") + 1
        if lines > MAX_MODULE_LINES:
            problems.append(f"{name}: {lines} lines")
        for node in ast.walk(TREES[name]):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = _code_lines(node)
                if n > MAX_FUNCTION_LINES:
                    problems.append(f"{name}:{node.name}: {n} lines of code")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_private_name_crosses_modules(package):
    problems = []
    for name, tree in TREES.items():
        if _package_of(name) != package:
            continue
        aliases = {}
        for module, imported, alias in _imports(name, tree):
            if imported is not None and _private(imported) and module != name:
                problems.append(f"{name} imports {module}.{imported}")
            if imported is None and alias and module != name:
                aliases[alias] = module
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                problems.append(f"{name} reads {aliases[node.value.id]}.{node.attr}")
    assert not problems, "\n".join(problems)


def _defining_module(module: str, imported: str | None) -> str:
    """Where *imported* comes from: a name re-exported by a package ``__init__`` leads to the
    submodule that defines it (so a cycle through a package's re-exports is a cycle)."""
    if imported is None or MODULES.get(module, Path()).name != "__init__.py":
        return module
    for source, name, alias in _imports(module, TREES[module]):
        if alias == imported and source != module:
            return _defining_module(source, name)
    return module


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for name, tree in TREES.items():
        if MODULES[name].name == "__init__.py":
            continue
        targets = set()
        for module, imported, _ in _imports(name, tree):
            full = _defining_module(module, imported)
            if full in MODULES and full != name and MODULES[full].name != "__init__.py":
                targets.add(full)
        graph[name] = targets
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles
