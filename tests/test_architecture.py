"""The apps of joinedup import each other only downwards.

Every import in src/joinedup is read with ast, including imports inside
functions, and mapped to the app it belongs to. A cycle between apps, an
import upwards between the layers below, or an import of another app hidden
inside a function (the usual way a cycle is dodged) fails with the lines to
change. Model relations by string ("partnerships.Partnership") are not
imports and are not counted."""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "joinedup"
PROJECT = "joinedup"  # settings, urls, __main__: above every app

# Lowest first. An app may import its own layer's apps only where no cycle
# results, and any app of a lower layer.
LAYERS = [
    {"design_system"},
    # The audit log sits just below workspaces, not above: membership
    # changes (workspaces/membership.py) and the shared record views
    # (workspaces/record_views.py) record entries themselves, so workspaces
    # imports it. It names the workspace and user only by string relation,
    # and its page (who may read it) is a workspace page in workspaces/views.py.
    {"audit"},
    {"workspaces"},
    {"organisations"},
    {"partnerships"},
    # The capabilities, each on its own: they read the base apps only.
    {"meetings", "indicators", "surveys", "network", "practice"},
    # Reviews read every capability; social return and comparison read reviews.
    {"review"},
    {"social_return", "comparison"},
    # The pages that gather every capability, the demo that fills them all, and
    # the API that reads and writes them all.
    {"overview", "demo", "api"},
    {PROJECT},
]
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def module_name(path, package=PACKAGE):
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module, package=PACKAGE):
    parts = module.split(".")
    if parts[0] != package.name:
        return None
    if len(parts) == 1 or (package / parts[1]).with_suffix(".py").exists():
        return PROJECT
    return parts[1]


def imported_modules(node, path, package):
    """The modules one import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here.pop()
    base = here[: len(here) - node.level + 1] if node.level else []
    module = ".".join(base + ([node.module] if node.module else []))
    # "from joinedup.meetings import demo" imports joinedup.meetings.demo.
    return [module] + [f"{module}.{alias.name}" for alias in node.names]


class Imports(ast.NodeVisitor):
    def __init__(self, path, package):
        self.path = path
        self.package = package
        self.found = []  # (line, module, inside a function)
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        for module in imported_modules(node, self.path, self.package):
            self.found.append((node.lineno, module, self.depth > 0))

    visit_ImportFrom = visit_Import


def app_imports(package=PACKAGE):
    """[(from app, to app, "file:line", inside a function)] for imports between apps."""
    rows = []
    for path in sorted(package.rglob("*.py")):
        source = app_of(module_name(path, package), package)
        visitor = Imports(path, package)
        visitor.visit(ast.parse(path.read_text(), filename=str(path)))
        seen = set()
        for line, module, in_function in visitor.found:
            target = app_of(module, package)
            if target and target != source and (target, line) not in seen:
                seen.add((target, line))
                where = f"{path.relative_to(package.parent)}:{line}"
                rows.append((source, target, where, in_function))
    return rows


def cycles(edges):
    """Each cycle of the graph once, as a list of apps, found by depth-first search."""
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    found = set()
    result = []

    def walk(start, node, trail):
        for target in sorted(graph[node]):
            if target == start:
                key = frozenset(trail)
                if key not in found:
                    found.add(key)
                    result.append([*trail, start])
            elif target not in trail and target > start:
                walk(start, target, [*trail, target])

    for start in sorted(graph):
        walk(start, start, [start])
    return result


def describe(cycle, rows):
    lines = [" -> ".join(cycle)]
    for source, target in zip(cycle, cycle[1:], strict=False):
        where = [w for s, t, w, _ in rows if (s, t) == (source, target)]
        lines.append(f"  {source} imports {target} at {', '.join(where[:3])}")
    return "\n".join(lines)


def test_there_is_no_import_cycle_between_apps():
    rows = app_imports()
    found = cycles({(s, t) for s, t, _, _ in rows})
    assert found == [], "Import cycles between apps:\n" + "\n".join(describe(c, rows) for c in found)


def test_every_app_imports_only_downwards():
    upwards = [
        f"{where}: {source} imports {target}"
        for source, target, where, _ in app_imports()
        if LAYER_OF[target] > LAYER_OF[source]
    ]
    assert upwards == [], "Imports from a higher layer (see LAYERS):\n" + "\n".join(upwards)


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert apps - set(LAYER_OF) == set()


def test_no_app_hides_an_import_of_another_inside_a_function():
    hidden = [
        f"{where}: {source} imports {target}"
        for source, target, where, in_function in app_imports()
        if in_function and source != PROJECT
    ]
    assert hidden == [], "Move these imports to the top of the module:\n" + "\n".join(hidden)


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    package = tmp_path / "joinedup"
    for app, imports in {"a": "from joinedup.b import x", "b": "def f():\n    from ..c import y",
                         "c": "import joinedup.a.models"}.items():
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
        (package / app / "models.py").write_text(imports + "\n")
    rows = app_imports(package)
    assert ("b", "c", "joinedup/b/models.py:2", True) in rows
    assert cycles({(s, t) for s, t, _, _ in rows}) == [["a", "b", "c", "a"]]
