"""The engine's layers: no import cycle among the package's modules, and each folder imports only
the folders below it (README.md, "the engine's layers")."""

import ast
from pathlib import Path

import openfisca_residence

PACKAGE = Path(openfisca_residence.__file__).parent
# Each folder, by layer: a module may import from its own layer's folder or from a lower layer.
LAYERS = {
    "i18n": -1,  # the messages: every layer writes some, the rules' refused values included
    "rules": 0,
    "situation_examples": 0,
    "system": 1,
    "data": 2,
    "yaml_tests": 2,
    "legal_index": 2,
    "synthetic": 3,
    "simulation": 3,
    "analysis": 4,
    "web": 5,
    "cli": 6,
}


def module_name(path: Path) -> str:
    parts = ("openfisca_residence", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package and the modules of the package it imports, anywhere in its
    code (a function's imports too)."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
        graph[name] = {other for other in imported if other in modules and other != name}
    return graph


def cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def folder(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_no_import_cycle_among_the_modules_of_the_package():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_each_folder_imports_only_its_own_layer_or_the_layers_below():
    upward = []
    for module, imported in import_graph().items():
        if (source := folder(module)) is None:
            continue
        for other in imported:
            target = folder(other)
            if target is None and other != "openfisca_residence":
                continue
            if target is None or (target != source and LAYERS[target] >= LAYERS[source]):
                upward.append(f"{module} imports {other}")
    assert upward == []


def test_every_folder_of_the_package_has_a_layer():
    folders = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert folders - {"variables", "parameters", "reforms"} <= set(LAYERS)
