"""The package's layers, checked on the source (ast), without importing it.

Every import counts: at module level, inside functions and under ``TYPE_CHECKING``.

    config, i18n      base: settings, all user-visible text
    db                the connection, named queries, migrations
    domain            codes, rules and read models (pure Python; no maps, charts or HTML)
    services          writing operations
    maps              colours, the plot layer, folium builders
    present           tables, charts, slide HTML, exports (may use maps)
    ui, cli           the Streamlit edge and the command line

A module may import its own layer and the layers below it, never a layer above or beside
it (ui and cli do not import each other). No import cycles between modules. Only ``ui``
imports Streamlit (besides ``dashboard.py`` and ``pages/``, which are outside the package).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "gebrookerbos"
SRC = Path(__file__).resolve().parent.parent / "src" / PACKAGE

# Layer of each sub-package or base module, lowest first; equal ranks are side by side.
RANKS: dict[str, int] = {
    "config": 0,
    "i18n": 0,
    "db": 1,
    "domain": 2,
    "services": 3,
    "maps": 4,
    "present": 5,
    "ui": 6,
    "cli": 6,
}
BASE = ("config", "i18n")  # one layer of two modules
STREAMLIT = ("streamlit", "streamlit_folium")
VIEW_LIBRARIES = ("folium", "branca", "altair", "vl_convert", "segno", *STREAMLIT)
PURE_LAYERS = ("domain", "services")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported name as written (absolute)
    line: int

    def where(self) -> str:
        return f"{self.source} line {self.line}: imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


MODULES = _modules()


def _imports(module: str, path: Path) -> list[Import]:
    """Every import in the file, with relative imports made absolute; ``from X import Y``
    gives ``X.Y`` (resolved to ``X`` later when ``Y`` is not a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found += [Import(module, f"{prefix}.{a.name}", node.lineno) for a in node.names]
    return found


ALL_IMPORTS = [imp for m, p in MODULES.items() for imp in _imports(m, p)]


def resolve(target: str) -> str | None:
    """The package module an import loads: the longest known prefix, or None."""
    parts = target.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in MODULES:
            return candidate
    return None


def graph() -> dict[str, dict[str, Import]]:
    """module -> {imported module: the first import that does it}."""
    edges: dict[str, dict[str, Import]] = {m: {} for m in MODULES}
    for imp in ALL_IMPORTS:
        if imp.target.split(".")[0] != PACKAGE:
            continue
        target = resolve(imp.target)
        if target is not None and target != imp.source and target != PACKAGE:
            edges[imp.source].setdefault(target, imp)
    return edges


def layer(module: str) -> str | None:
    """``domain`` for ``gebrookerbos.domain.history``; None for the package itself and
    ``__main__`` (the entry point, above every layer)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


def find_cycles(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """One cycle (as a path a -> ... -> a) for every strongly connected set of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)

    cycles = []
    for component in components:
        start = min(component)
        # breadth-first from start, inside the component, until an edge leads back to it
        previous: dict[str, str] = {}
        queue = [start]
        while queue:
            node = queue.pop(0)
            if start in edges[node]:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                cycles.append([*reversed(path), start])
                break
            for nxt in sorted(edges[node]):
                if nxt in component and nxt not in previous and nxt != start:
                    previous[nxt] = node
                    queue.append(nxt)
    return cycles


def allowed(source: str, target: str) -> bool:
    src, dst = layer(source), layer(target)
    if src is None:  # __main__ and the package itself may use anything
        return True
    if dst is None:  # the package itself (__version__) is below everything
        return True
    if src == dst or (src in BASE and dst in BASE):
        return True
    return RANKS[dst] < RANKS[src]


def _describe(cycle: list[str], edges: dict[str, dict[str, Import]]) -> str:
    steps = [edges[a][b].where() for a, b in zip(cycle, cycle[1:], strict=False)]
    return " -> ".join(cycle) + "\n    " + "\n    ".join(steps)


# --- the tests -------------------------------------------------------------------------


def test_every_module_is_in_a_layer():
    assert f"{PACKAGE}.domain.codes" in MODULES and f"{PACKAGE}.ui" in MODULES
    outside = [m for m in MODULES
               if layer(m) is None and m not in (PACKAGE, f"{PACKAGE}.__main__")]
    assert not outside, f"modules in no layer (add them to RANKS or move them): {outside}"


def test_every_package_import_names_a_module_of_the_package():
    unknown = [imp.where() for imp in ALL_IMPORTS
               if imp.target.split(".")[0] == PACKAGE and resolve(imp.target) is None]
    assert not unknown, "\n".join(unknown)


def test_no_dynamic_imports():
    """importlib or __import__ would load modules that the checks here cannot see."""
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in ("__import__", "importlib.import_module", "import_module"):
                    found.append(f"{module} line {node.lineno}: {name}(...)")
    assert not found, "\n".join(found)


def test_no_import_cycles():
    edges = graph()
    cycles = find_cycles(edges)
    assert not cycles, "import cycles:\n" + "\n".join(_describe(c, edges) for c in cycles)


def test_layers_import_only_downwards():
    offending = [
        f"{imp.where()} ({layer(source)} may not import {layer(target)})"
        for source, targets in graph().items()
        for target, imp in targets.items()
        if not allowed(source, target)
    ]
    assert not offending, "imports against the layer order:\n" + "\n".join(offending)


def _third_party(imp: Import) -> str:
    return imp.target.split(".")[0]


def test_only_ui_imports_streamlit():
    offending = [imp.where() for imp in ALL_IMPORTS
                 if _third_party(imp) in STREAMLIT and layer(imp.source) != "ui"]
    assert not offending, "Streamlit outside ui/:\n" + "\n".join(offending)


@pytest.mark.parametrize("pure", PURE_LAYERS)
def test_domain_and_services_import_no_view_libraries(pure):
    offending = [imp.where() for imp in ALL_IMPORTS
                 if layer(imp.source) == pure and _third_party(imp) in VIEW_LIBRARIES]
    assert not offending, f"view libraries in {pure}/:\n" + "\n".join(offending)


# --- the checker itself ------------------------------------------------------------------


def test_the_cycle_finder_reports_the_path():
    edges = {
        "a": {"b": Import("a", "b", 1)},
        "b": {"c": Import("b", "c", 2)},
        "c": {"a": Import("c", "a", 3), "d": Import("c", "d", 4)},
        "d": {},
    }
    assert find_cycles(edges) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b": Import("a", "b", 1)}, "b": {}}) == []


def test_imports_in_functions_under_type_checking_and_relative_ones_count(tmp_path):
    source = tmp_path / "example.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import style\n"
        "from ..domain import Stage\n"
        "if TYPE_CHECKING:\n"
        "    from gebrookerbos.maps.layers import PlotLayer\n"
        "def later():\n"
        "    import gebrookerbos.present.exports\n"
    )
    found = {i.target for i in _imports(f"{PACKAGE}.maps.example", source)}
    assert {f"{PACKAGE}.maps.style", f"{PACKAGE}.domain.Stage", f"{PACKAGE}.maps.layers.PlotLayer",
            f"{PACKAGE}.present.exports"} <= found
    assert resolve(f"{PACKAGE}.domain.Stage") == f"{PACKAGE}.domain"
    assert resolve(f"{PACKAGE}.maps.layers.PlotLayer") == f"{PACKAGE}.maps.layers"


def test_the_layer_rule():
    p = PACKAGE
    assert allowed(f"{p}.present.programme", f"{p}.maps.style")
    assert allowed(f"{p}.domain.matching", f"{p}.i18n")
    assert allowed(f"{p}.i18n", f"{p}.config")
    assert allowed(f"{p}.__main__", f"{p}.cli")
    assert not allowed(f"{p}.maps.layers", f"{p}.present.exports")
    assert not allowed(f"{p}.domain.auth", f"{p}.services.audit")
    assert not allowed(f"{p}.ui", f"{p}.cli")
    assert allowed(f"{p}.db", f"{p}.i18n")  # the base is below everything
