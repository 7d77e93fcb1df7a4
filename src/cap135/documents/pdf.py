"""PDF through LibreOffice (headless, private profile, its process group killed on time-out)."""

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

from cap135.documents.atomic_files import (
    Protect,
    atomic_copy,
    check_output_path,
    protected_paths,
    scratch_copy,
    scratch_folder,
)
from cap135.errors import PdfFailure

SOFFICE_TIMEOUT = 60  # seconds; then LibreOffice and its children are killed


class PdfError(PdfFailure):
    """The PDF could not be produced (LibreOffice missing, failing or too slow)."""


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """End the converter and every process it started (its own session and process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(5)
            stream.seek(0, os.SEEK_END)
            size = stream.tell()
    except OSError:
        return False
    return head == b"%PDF-" and size > 64


def docx_to_pdf(docx_path: Path, pdf: Path, *, protect: Protect = None) -> None:
    """Convert ``docx_path`` to ``pdf`` with LibreOffice (headless, private profile).

    LibreOffice runs in a session of its own; after SOFFICE_TIMEOUT seconds its whole process
    group is killed. A result that is not a PDF (an empty file, say) is refused before it can
    replace an existing ``pdf``.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfError(
            "LibreOffice (soffice) is not installed; install it (e.g. apt-get install "
            "libreoffice-writer) to produce PDF, or open the .docx in Word and export it.",
            code="pdf-no-soffice",
        )
    docx_path = Path(docx_path)
    if not docx_path.is_file():
        raise PdfError(
            f"Cannot convert {docx_path} to PDF: the file does not exist.", code="pdf-no-docx", docx=docx_path
        )
    inputs = protected_paths(protect, docx_path)
    check_output_path(Path(pdf), inputs)
    with scratch_folder("cap135-pdf-") as work:
        profile = work / "profile"
        src = scratch_copy(docx_path, work, "document.docx")
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise PdfError(
                f"LibreOffice ({soffice}) could not be started: {exc}.",
                code="pdf-cannot-start",
                soffice=soffice,
                reason=exc,
            ) from None
        try:
            out_bytes, err_bytes = proc.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop_group(proc)
            raise PdfError(
                f"LibreOffice did not finish converting {docx_path} to PDF within {SOFFICE_TIMEOUT} "
                "seconds; it was stopped.",
                code="pdf-timeout",
                docx=docx_path,
                seconds=SOFFICE_TIMEOUT,
            ) from None
        except BaseException:
            _stop_group(proc)
            raise
        _stop_group(proc)  # a helper it left behind in its group
        produced = work / "document.pdf"
        if proc.returncode != 0 or not produced.is_file():
            text = (err_bytes or out_bytes or b"").decode("utf-8", "replace")
            detail = text.strip().splitlines()
            tail = " ".join(detail[-3:]) if detail else f"exit status {proc.returncode}"
            raise PdfError(
                f"LibreOffice could not convert {docx_path} to PDF: {tail}",
                code="pdf-convert-failed",
                docx=docx_path,
                detail=tail,
            )
        if not _is_pdf(produced):
            raise PdfError(
                f"LibreOffice did not produce a PDF from {docx_path} (an empty or damaged file); "
                f"{pdf} was left as it was.",
                code="pdf-not-pdf",
                docx=docx_path,
                pdf=pdf,
            )
        atomic_copy(produced, Path(pdf), protect=inputs)
