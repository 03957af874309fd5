"""The house as a newcomer finds it: reference/ in rooms, imports only downward, no circle, a command line that only
dispatches, and every room's ``__init__`` naming what it holds. Read from the source (ast), nothing imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
PLUMBING = ("backends", "validation", "io", "data", "determinism", "quiet", "estimators")
# the floors, lowest first: a module imports from its own room or from a floor below, never from one above
FLOORS = (("plumbing",), ("proof",), ("check", "graph"), ("views",), ("app", "notebooks"), ("cli",))
ROOMS = ("proof", "views", "check", "graph", "app", "notebooks")


def _name(path: Path) -> str:
    parts = path.relative_to(REFERENCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in REFERENCE.rglob("*.py")}


def _imports(module: str, top_level_only: bool) -> set[str]:
    """The modules of reference/ that ``module`` imports (at the top of the file only, or anywhere)."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            submodules = {f"{target}.{alias.name}" for alias in node.names} & set(MODULES)
            found |= submodules or ({target} & set(MODULES))  # ``from . import week2`` needs week2, not the package
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
    return {m for m in found if not module.startswith(m + ".") and m != module}  # its own packages come first anyway


def _room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in PLUMBING:
        return "plumbing"
    return parts[1]


def _floor(room: str) -> int:
    return next(i for i, rooms in enumerate(FLOORS) if room in rooms)


def test_imports_run_only_downward():
    upward = [f"{m} -> {t}" for m in MODULES for t in _imports(m, top_level_only=False)
              if _floor(_room(t)) > _floor(_room(m)) or (_room(m) != _room(t) and _floor(_room(t)) == _floor(_room(m))
                                                          and _room(m) != "plumbing")]
    assert not upward, "imports that run up a floor or sideways: " + ", ".join(upward)


def test_no_circle():
    graph = {m: _imports(m, top_level_only=True) for m in MODULES}
    circles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not circles, circles[:5]


def test_the_learners_side_imports_nothing_of_the_project_beyond_itself():
    """confined/ is all a learner's file runs beside (bubblewrap shows it nothing else): it imports only itself."""
    kit = "reference.check.confined"
    outside = [f"{m} -> {t}" for m in MODULES if m.startswith(kit) for t in _imports(m, top_level_only=False)
               if not t.startswith(kit)]
    assert not outside, outside


def test_the_command_line_only_dispatches():
    lines = len((REFERENCE / "cli.py").read_text().splitlines())
    assert lines < 250, f"reference/cli.py has {lines} lines: each command's body belongs in its room"


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_holds(room):
    folder = REFERENCE / room
    said = ast.get_docstring(ast.parse((folder / "__init__.py").read_text())) or ""
    held = [p.name for p in folder.iterdir() if p.name != "__init__.py" and not p.name.startswith((".", "__pycache__"))
            and (p.suffix == ".py" or p.is_dir())]
    unsaid = [name for name in held if name.removesuffix(".py") not in said]
    assert held and not unsaid, f"reference/{room}/__init__.py does not name {unsaid}"


def test_the_top_holds_the_plumbing_and_the_rooms_only():
    top = sorted(p.stem for p in REFERENCE.glob("*.py") if p.name != "__init__.py")
    assert top == sorted([*PLUMBING, "cli"]), top


def test_the_readme_is_a_door():
    """About 200 lines: what the project is, the two commands, what `make demo` prints, a short section per
    capability, each linking to its page in docs/, where the reference lives; and every page linked."""
    root = REFERENCE.parent
    readme = (root / "README.md").read_text()
    pages = sorted(p.name for p in (root / "docs").glob("*.md"))
    assert len(readme.splitlines()) <= 210 and "make demo" in readme and "make test" in readme
    unlinked = [page for page in pages if f"(docs/{page})" not in readme]
    assert pages and not unlinked, f"pages the README does not link: {unlinked}"
