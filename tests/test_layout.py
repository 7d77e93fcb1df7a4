"""The layout by stage holds: data flows one way, no import circle, small modules.

Every import counts, those inside functions and under `if TYPE_CHECKING:` too.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "cap135"

# A module may import from its own package or from a lower stage (a smaller rank).
RANKS = {
    "messages": 0,
    "money": 1,
    "text": 1,
    "findings": 1,
    "errors": 1,
    "plan": 2,
    "budget": 3,
    "results": 4,
    "tables": 5,
    "documents": 6,
    "cli": 7,
    "__main__": 8,  # `python -m cap135`: the entry point above everything
    "cap135": 1,  # the package's own __init__: `__version__`, shared like money and text
}
# The one import that goes up, and why. The package's __init__ also holds the entry points'
# interrupt hook: it must exist before either entry point (`__main__`, `cli/launch`) starts to
# load, and the line it prints goes through cli/interrupt and cli/terminal like every other.
UPWARD_ALLOWED = {("cap135", "cap135.cli.interrupt")}
SHARED = {"__init__", "__main__", "money", "text", "findings", "errors"}
MAX_LINES = 700


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: relative import"
                base = node.module or ""
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_import_circle() -> None:
    graph = _imports()
    # Tarjan's strongly connected components, iteratively
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    assert not circles


def test_data_flows_one_way() -> None:
    upward = [
        (module, target)
        for module, targets in _imports().items()
        for target in targets
        if _stage(module) in RANKS
        and _stage(target) in RANKS
        and _stage(module) != _stage(target)
        and RANKS[_stage(target)] > RANKS[_stage(module)]
        and (module, target) not in UPWARD_ALLOWED
    ]
    assert not upward


def test_stages_are_packages_and_few_modules_are_loose() -> None:
    loose = {p.stem for p in SRC.glob("*.py")}
    assert loose <= SHARED
    for stage in ("plan", "budget", "results", "tables", "documents", "cli", "messages"):
        assert (SRC / stage / "__init__.py").is_file(), stage
    packages = {p.parent.name for p in SRC.glob("*/__init__.py")}
    assert packages <= set(RANKS)


def test_no_module_is_several_rooms() -> None:
    long = {
        p.relative_to(SRC).as_posix(): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long
