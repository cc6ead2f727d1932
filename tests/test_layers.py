"""Imports point one way: from features down to the domain apps, down to the platform.

Reads every import of every module of our apps (those inside functions and under
TYPE_CHECKING too; tests, migrations, settings and urls left out), as the README's "Where
things live" describes the layers.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The README's layers: an app may import its own layer (without a cycle) and those below.
PLATFORM, DOMAIN, FEATURE = 1, 2, 3
LAYERS = {
    "borderwork": PLATFORM,  # settings, scoping, periods, the shared record pages
    "borderwork.accounts": PLATFORM,
    "borderwork.storage": PLATFORM,  # where files live: scans and archived reports
    "communes": DOMAIN,
    "cadres": DOMAIN,
    "programmes": DOMAIN,
    "borderwork.indicators": FEATURE,
    "borderwork.reports": FEATURE,
    "borderwork.hub": FEATURE,
    "borderwork.reminders": FEATURE,  # what needs doing: the list, the menu count, the digest
    "borderwork.demo": FEATURE,
    "borderwork.ops": FEATURE,  # running in production: health, logs, backup, the nightly task
}
LEFT_OUT = {"tests", "migrations"}
LEFT_OUT_FILES = {"settings.py", "urls.py"}


def our_apps() -> list[str]:
    """Installed apps whose code is ours (not a library's, even in a .venv inside the project)."""
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
    )


def app_of(module: str, names: list[str]) -> str | None:
    found = [name for name in names if module == name or module.startswith(name + ".")]
    return max(found, key=len) if found else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, relative ones made absolute."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module
            found.append((node.lineno, source))
            found += [(node.lineno, f"{source}.{alias.name}") for alias in node.names]
    return found


def app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, for every import from one app to another."""
    names = our_apps()
    files = {path for name in names for path in (ROOT / name.replace(".", "/")).rglob("*.py")}
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(files):
        relative = path.relative_to(ROOT)
        if LEFT_OUT & set(relative.parts) or path.name in LEFT_OUT_FILES:
            continue
        module = module_name(path)
        source = app_of(module, names)
        for line, target in imported(path, module):
            other = app_of(target, names)
            if other and other != source:
                edges.setdefault((source, other), []).append(f"{relative}:{line} {target}")
    return edges


def test_every_app_has_a_layer():
    assert sorted(LAYERS) == our_apps()


def test_imports_never_point_up_a_layer():
    upward = {
        pair: where for pair, where in app_imports().items() if LAYERS[pair[1]] > LAYERS[pair[0]]
    }
    assert upward == {}


def test_no_two_apps_import_each_other_at_any_depth():
    edges = app_imports()
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)

    def cycle_from(start: str, node: str, path: list[str]) -> list[str] | None:
        for following in sorted(graph.get(node, ())):
            if following == start:
                return [*path, start]
            if following not in path:
                found = cycle_from(start, following, [*path, following])
                if found:
                    return found
        return None

    cycles = {app: cycle for app in graph if (cycle := cycle_from(app, app, [app]))}
    where = {
        app: [edges[(a, b)][0] for a, b in zip(cycle, cycle[1:], strict=False)]
        for app, cycle in cycles.items()
    }
    assert where == {}


def test_the_reader_sees_imports_inside_functions(tmp_path):
    """The check would catch an import hidden in a function body."""
    module = tmp_path / "hidden.py"
    module.write_text("def f():\n    from communes.models import Commune\n")
    assert (2, "communes.models.Commune") in imported(module, "cadres.hidden")
