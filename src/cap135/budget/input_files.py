"""The files a plan leads to: the rate table it names and every table that one ``extends``.

A plan names its rate table (``rates:``, or the shipped default of its year); a table names the
tables it ``extends``, user files relative to itself or shipped ids. :func:`rate_table_files`
follows that chain through the files themselves (read with the bounded loader); cli/run_inputs.py
builds every input of a run from it, so that ``cost -o ../rates.yaml`` is refused as surely as
``cost -o plan.yaml``. :func:`distinct_files` tells repeats of one file apart (summary).
"""

from __future__ import annotations

import os
from pathlib import Path

from cap135.budget.rate_tables import RATES_DIR, is_table_path
from cap135.plan.yaml_loader import UnreadableFile, read_file

__all__ = ["distinct_files", "rate_table_files"]

MAX_CHAIN = 64  # tables followed at most (a cycle is an error of the table, found elsewhere)


def _table_path(ref: str, base_dir: Path) -> Path:
    if is_table_path(ref):
        path = Path(ref).expanduser()
        return path if path.is_absolute() else base_dir / path
    return RATES_DIR / f"{ref}.yaml"


def rate_table_files(ref: str, base_dir: Path) -> tuple[Path, ...]:
    """The files of the table ``ref`` (relative to ``base_dir``) and of the tables it extends."""
    found: list[Path] = []
    pending = [_table_path(ref, base_dir)]
    while pending and len(found) < MAX_CHAIN:
        path = pending.pop(0)
        try:
            key = path.resolve()
        except (OSError, RuntimeError, ValueError):
            key = path
        if key in found:
            continue
        found.append(key)
        try:
            data = read_file(path).data
        except UnreadableFile:
            continue
        parents = data.get("extends") if isinstance(data, dict) else None
        if isinstance(parents, str):
            parents = [parents]
        if isinstance(parents, list):
            pending.extend(_table_path(p, key.parent) for p in parents if isinstance(p, str))
    return tuple(found)


def distinct_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """``paths`` without repeats of one file (same path, a symlink or a hard link to it), and the
    (repeat, first) pairs that were left out."""
    kept: list[Path] = []
    repeats: list[tuple[Path, Path]] = []
    for path in paths:
        first = next((k for k in kept if _same_file(path, k)), None)
        if first is None:
            kept.append(path)
        else:
            repeats.append((path, first))
    return kept, repeats


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
