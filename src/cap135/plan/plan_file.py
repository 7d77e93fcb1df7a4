"""A plan file in either of its forms, YAML text or an .xlsx workbook, told apart by its content.

Both forms come out as `yaml_loader.Loaded` (plain data, its places, the reader's findings), so
everything after this (models, checks, cost, render) is the same for both. A file is a workbook
when it is named as one (.xlsx, .xlsm, .xls, .xlsb, .ods), or when its bytes are a zip or an OLE
compound file (what those and password-protected workbooks are) and it is not named .yaml; the
workbook reader names what such a file is when it is not an .xlsx. The workbook reader (and
openpyxl) is imported only for a workbook.

`read_plan_file` reads a plan; results/file_reader.read_input, the one place a file of either
kind is read, reads a plan or a results file through the same `read_either`.

A file's name is made safe here, once, by the one sanitiser (text.shown): every message, table,
JSON or CSV that names the file shows its control characters and bytes that are not UTF-8 as
escapes. Within `reading_once` (the command line's guard reads a run's inputs ahead, to know
every file no output may replace), a file read ahead with ``keep=True`` is handed over to the
next read of it, unchanged since, so that a plan is read once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from cap135.findings import Cell, Finding
from cap135.plan.workbook_bytes import is_workbook_bytes
from cap135.plan.yaml_loader import MAX_FILE_BYTES, Loaded, Source, load_bytes, read_bytes
from cap135.text import shown

__all__ = [
    "WORKBOOK_SUFFIXES",
    "from_workbook",
    "is_workbook_path",
    "read_either",
    "read_plan_file",
    "reading_once",
]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
# named as a workbook cap135 does not read: the reader says what it is and what cap135 expects
_OTHER_WORKBOOKS = (".xls", ".xlsb", ".ods")


def is_workbook_path(path: Path) -> bool:
    """A name that asks for a workbook (an output's form is chosen by its name)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES


# What was read ahead within `reading_once`: (real path, name) → (stat stamp, what was read).
_ahead: dict[tuple[str, str], tuple[tuple[int, int, int, int], Loaded]] | None = None


@contextlib.contextmanager
def reading_once() -> Iterator[None]:
    """Within the block, what `read_either(..., keep=True)` read is handed over to the next
    `read_either` of the same file and name, if the file has not changed in between."""
    global _ahead
    previous, _ahead = _ahead, {}
    try:
        yield
    finally:
        _ahead = previous


def _stamp(path: Path, name: str) -> tuple[tuple[str, str], tuple[int, int, int, int]] | None:
    try:
        st = os.stat(path)
        return (os.path.realpath(path), name), (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
    except (OSError, ValueError):
        return None


def read_either(
    path: Path, display: str | None, workbook: Callable[[bytes, str], Loaded], *, keep: bool = False
) -> Loaded:
    """Read one file, YAML or a workbook (read by `workbook`). Raises only UnreadableFile (exit 2).

    ``keep``: read ahead of the run's work (see `reading_once`); the next read takes this one.
    """
    name = shown(display or str(path), one_line=True)  # a name is shown safe, everywhere, from here
    key = _stamp(path, name) if _ahead is not None else None
    if key is not None and _ahead is not None and not keep:
        held = _ahead.pop(key[0], None)
        if held is not None and held[0] == key[1]:
            return held[1]
    loaded = _read(path, name, workbook)
    if keep and key is not None and _ahead is not None:
        _ahead[key[0]] = (key[1], loaded)
    return loaded


def _read(path: Path, name: str, workbook: Callable[[bytes, str], Loaded]) -> Loaded:
    raw = read_bytes(path, name)
    if len(raw) > MAX_FILE_BYTES:
        finding = Finding("error", "file-too-large", {"limit_mib": MAX_FILE_BYTES // 2**20})
        return Loaded(None, Source(name), (finding,))
    suffix = path.suffix.lower()
    # a workbook by its name, or by its content unless it is named as YAML (a zip named .yaml is
    # binary data where YAML text was expected, as before)
    named = suffix in WORKBOOK_SUFFIXES or suffix in _OTHER_WORKBOOKS
    if named or (is_workbook_bytes(raw) and suffix not in (".yaml", ".yml")):
        return workbook(raw, name)
    return load_bytes(raw, name)


def _plan_workbook(raw: bytes, name: str) -> Loaded:
    from cap135.plan.workbook_reader import read_plan_workbook

    return read_plan_workbook(raw, name)


def read_plan_file(path: Path, display: str | None = None) -> Loaded:
    """Read one plan file, YAML or workbook. Raises only UnreadableFile (exit 2)."""
    return read_either(path, display, _plan_workbook)


def from_workbook(source: Source) -> bool:
    """Whether a file read by read_either was a workbook (its places are cells)."""
    return any(isinstance(place, Cell) for place in source.values.values())
