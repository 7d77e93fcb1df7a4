"""The one place a plan or a results file is read: YAML text or an .xlsx workbook, by its content.

Both forms come out as `loader.Loaded` (plain data, its positions, the reader's findings), so
everything after this (models, checks, cost, report) is the same for both. A file is a workbook
when it is named as one (.xlsx, .xlsm, .xls, .xlsb, .ods), or when its bytes are a zip or an OLE
compound file (what those and password-protected workbooks are) and it is not named .yaml; the
workbook reader names what such a file is when it is not an .xlsx. The workbook reader (and
openpyxl) is imported only for a workbook.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Cell, Finding
from .loader import MAX_FILE_BYTES, Loaded, Source, load_bytes, read_bytes

__all__ = ["WORKBOOK_SUFFIXES", "from_workbook", "is_workbook_path", "read_input"]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})


def is_workbook_path(path: Path) -> bool:
    """A name that asks for a workbook (an output's form is chosen by its name)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def read_input(path: Path, display: str | None = None) -> Loaded:
    """Read one plan or results file, YAML or workbook. Raises only UnreadableFile (exit 2)."""
    name = display or str(path)
    raw = read_bytes(path, name)
    if len(raw) > MAX_FILE_BYTES:
        finding = Finding("error", "file-too-large", {"limit_mib": MAX_FILE_BYTES // 2**20})
        return Loaded(None, Source(name), (finding,))
    from .workbook_read import is_workbook_bytes

    suffix = path.suffix.lower()
    # a workbook by its name, or by its content unless it is named as YAML (a zip named .yaml is
    # binary data where YAML text was expected, as before)
    named = suffix in (*WORKBOOK_SUFFIXES, ".xls", ".xlsb", ".ods")
    if named or (is_workbook_bytes(raw) and suffix not in (".yaml", ".yml")):
        from .workbook_read import read_workbook

        return read_workbook(raw, name)
    return load_bytes(raw, name)


def from_workbook(source: Source) -> bool:
    """Whether a file read by read_input was a workbook (its places are cells)."""
    return any(isinstance(place, Cell) for place in source.values.values())
