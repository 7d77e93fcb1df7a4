"""Whether a file's bytes are a workbook container: a byte check of its own, so that reading a
YAML plan does not load the workbook modules (and openpyxl)."""

from __future__ import annotations

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_workbook_bytes(raw: bytes) -> bool:
    """A zip (.xlsx, .ods, .docx) or an OLE compound file (.xls, a password-protected .xlsx):
    read as a workbook, which names it if it is not one."""
    return raw.startswith(ZIP_MAGIC) or raw.startswith(OLE_MAGIC)
