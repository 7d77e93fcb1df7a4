"""No output is lost (issue 5): killed renders, the input plan, full disks, permissions, directories.

Outputs are written to a temporary file beside the target (`.out.docx.<random>.tmp`), fsynced, then
renamed over the target, so the target is at every moment either its previous bytes or the complete
new file. What is left behind:

* after a normal run or any error cap135 handles (including Ctrl-C, which is KeyboardInterrupt):
  nothing but the target;
* after SIGKILL (no process can clean up after it): possibly one `.out.docx.<random>.tmp`, never a
  damaged target. The tests assert exactly this.
* after SIGTERM: the target is intact and no temporary file is left (cli.main turns SIGTERM into
  an exit, which unwinds through the atomic writer).

Disk full is simulated two ways: for real, on a 64 KiB tmpfs mounted for the test (needs root and
CAP_SYS_ADMIN, else skipped), and by fault injection (the write call writes half and then fails with
ENOSPC), which runs everywhere. A symlink to /dev/full does not simulate a full disk: an output path
that is a device is refused before anything is written (it used to be *replaced* by the rename).
Permission denied is produced as root by an immutable folder (chattr +i), a read-only tmpfs and /sys.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import PLANS, QUANG_TRI
from typer.testing import CliRunner

from cap135.cli.app import app

OTHER_PLAN = PLANS / "dak-glei-2019.yaml"
TEMP_NAME = re.compile(r"\.out\.docx\.[0-9a-f]{12}\.tmp")


def cli(*args: str):
    return CliRunner().invoke(app, ["--lang", "en", *args], catch_exceptions=False)


def assert_valid_docx(data: bytes, where: Path) -> None:
    where.write_bytes(data)
    with zipfile.ZipFile(where) as zf:
        assert zf.testzip() is None
    docx.Document(str(where))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, bytes]:
    """The previous output (another plan) and the new one (rendering is byte-reproducible)."""
    folder = tmp_path_factory.mktemp("reference")
    assert cli("render", str(OTHER_PLAN), "-o", str(folder / "previous.docx")).exit_code == 0
    assert cli("render", str(QUANG_TRI), "-o", str(folder / "new.docx")).exit_code == 0
    previous, new = (folder / "previous.docx").read_bytes(), (folder / "new.docx").read_bytes()
    assert previous != new
    return {"previous": previous, "new": new}


def leftovers(folder: Path, keep: str = "out.docx") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


# --------------------------------------------------------------------------------------------
# Killed at any moment
# --------------------------------------------------------------------------------------------


def render_process(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *extra, "-m", "cap135", "render", str(QUANG_TRI), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_any_moment_leaves_the_previous_or_the_new_file(tmp_path, outputs):
    out = tmp_path / "out.docx"
    started = time.monotonic()
    proc = render_process(out)
    assert proc.wait(60) == 0
    full_run = time.monotonic() - started
    delays = sorted(
        {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5} | {full_run * f for f in (0.6, 0.75, 0.85, 0.9, 0.95, 1.5)}
    )
    seen = {"previous": 0, "new": 0}
    for delay in delays:
        out.write_bytes(outputs["previous"])
        proc = render_process(out)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        data = out.read_bytes()
        if data == outputs["previous"]:
            seen["previous"] += 1
        else:
            assert data == outputs["new"], f"killed after {delay:.2f} s: the output is neither old nor new"
            assert_valid_docx(data, tmp_path / "check.docx")
            (tmp_path / "check.docx").unlink()
            seen["new"] += 1
        left = leftovers(tmp_path)
        assert all(TEMP_NAME.fullmatch(name) for name in left), left
        for name in left:
            (tmp_path / name).unlink()
    assert seen["previous"] and seen["new"], (seen, full_run)  # the delays spanned the whole run


# Kill points inside the write, deterministic: the process kills itself there.
KILLER = textwrap.dedent(
    """
    import os, pathlib, signal, sys
    import cap135.documents.atomic_files as atomic

    point, sig = sys.argv[1], getattr(signal, sys.argv[2])
    del sys.argv[1:3]
    real_write, real_fsync = pathlib.Path.write_bytes, atomic._fsync_file

    def half_then_die(self, data):
        with open(self, "wb") as fh:
            fh.write(data[: len(data) // 2])
            fh.flush()
        if sig == signal.SIGINT:
            raise KeyboardInterrupt
        os.kill(os.getpid(), sig)

    def fsync_then_die(tmp):
        real_fsync(tmp)
        os.kill(os.getpid(), sig)

    if point == "mid-write":
        pathlib.Path.write_bytes = half_then_die
    else:
        atomic._fsync_file = fsync_then_die
    from cap135.cli.app import main
    sys.argv[0] = "cap135"
    main()
    """
)


def killed_at(tmp_path: Path, point: str, sig: str) -> tuple[int, Path]:
    out = tmp_path / "out.docx"
    args = [sys.executable, "-c", KILLER, point, sig, "render", str(QUANG_TRI), "-o", str(out)]
    proc = subprocess.run(args, capture_output=True, timeout=60)
    return proc.returncode, out


@pytest.mark.parametrize("point", ["mid-write", "before-rename"])
def test_sigkill_inside_the_write_keeps_the_target(tmp_path, outputs, point):
    (tmp_path / "out.docx").write_bytes(outputs["previous"])
    code, out = killed_at(tmp_path, point, "SIGKILL")
    assert code == -signal.SIGKILL
    assert out.read_bytes() == outputs["previous"]
    left = leftovers(tmp_path)
    assert len(left) == 1 and TEMP_NAME.fullmatch(left[0]), left  # SIGKILL cannot clean up


def test_ctrl_c_inside_the_write_keeps_the_target_and_cleans_up(tmp_path, outputs):
    (tmp_path / "out.docx").write_bytes(outputs["previous"])
    code, out = killed_at(tmp_path, "mid-write", "SIGINT")
    assert code == 130
    assert out.read_bytes() == outputs["previous"]
    assert leftovers(tmp_path) == []


def test_sigterm_inside_the_write_cleans_up(tmp_path, outputs):
    (tmp_path / "out.docx").write_bytes(outputs["previous"])
    code, out = killed_at(tmp_path, "mid-write", "SIGTERM")
    assert out.read_bytes() == outputs["previous"]
    assert leftovers(tmp_path) == [], code  # the SIGTERM handler unwinds and removes the temp file


# --------------------------------------------------------------------------------------------
# The input plan is never an output
# --------------------------------------------------------------------------------------------


@pytest.fixture
def plan(tmp_path) -> Path:
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(QUANG_TRI, copy)
    return copy


def other_names(plan: Path) -> list[Path]:
    folder = plan.parent
    (folder / "sub").mkdir()
    (folder / "link.yaml").symlink_to(plan)
    os.link(plan, folder / "hard.yaml")
    return [plan, folder / "sub" / ".." / "plan.yaml", folder / "link.yaml", folder / "hard.yaml"]


@pytest.mark.parametrize(
    "command",
    [["render"], ["cost", "--format", "json"], ["cost", "--format", "csv"], ["cost", "--format", "xlsx"]],
    ids=["render", "cost-json", "cost-csv", "cost-xlsx"],
)
def test_output_is_never_the_input_plan(plan, command):
    before = plan.read_bytes()
    for target in other_names(plan):
        result = cli(command[0], str(plan), *command[1:], "-o", str(target))
        assert result.exit_code == 2, (target, result.output)
        assert "input file" in result.output
        assert plan.read_bytes() == before
    assert (plan.parent / "link.yaml").is_symlink()
    assert sorted(p.name for p in plan.parent.iterdir()) == ["hard.yaml", "link.yaml", "plan.yaml", "sub"]


# --------------------------------------------------------------------------------------------
# Full disk
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    with contextlib.suppress(OSError), open(folder / "filler", "wb") as fh:
        while True:
            fh.write(b"\0" * 4096)
            fh.flush()


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["render"], "out.docx"),
        (["cost", "--format", "json"], "out.json"),
        (["cost", "--format", "xlsx"], "out.xlsx"),
    ],
    ids=["render", "cost-json", "cost-xlsx"],
)
def test_disk_full_for_real_on_a_small_tmpfs(tmp_path, command, name):
    with tmpfs(tmp_path / "small", "size=64k") as disk:
        out = disk / name
        out.write_bytes(b"previous")
        fill(disk)
        result = cli(command[0], str(QUANG_TRI), *command[1:], "-o", str(out))
        assert result.exit_code == 2, result.output
        assert "disk is full" in result.output and str(out) in result.output
        assert out.read_bytes() == b"previous"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", name]


def test_disk_full_by_fault_injection(tmp_path, outputs, monkeypatch):
    """The write call writes half of the document, then fails as the kernel would (ENOSPC)."""

    def half_then_enospc(self: Path, data: bytes) -> int:
        with open(self, "wb") as fh:
            fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    out = tmp_path / "out.docx"
    out.write_bytes(outputs["previous"])
    monkeypatch.setattr(Path, "write_bytes", half_then_enospc)
    result = cli("render", str(QUANG_TRI), "-o", str(out))
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "disk is full" in result.output
    assert out.read_bytes() == outputs["previous"]
    assert leftovers(tmp_path) == []


@contextlib.contextmanager
def stdout_like(kind: str) -> Iterator[str]:
    """A /proc/self/fd/N path like /dev/stdout: to a pipe, or to a file that has been deleted."""
    if kind == "pipe":
        read_end, write_end = os.pipe()
        try:
            yield f"/proc/self/fd/{write_end}"
        finally:
            os.close(read_end)
            os.close(write_end)
        return
    fd, name = tempfile.mkstemp()
    os.unlink(name)
    try:
        yield f"/proc/self/fd/{fd}"
    finally:
        os.close(fd)


@pytest.mark.parametrize(
    ("device", "words"),
    [
        ("/dev/full", "not a regular file"),
        ("/dev/null", "not a regular file"),
        ("pipe", "not a regular file"),
        ("deleted", "cannot be replaced by name"),
    ],
)
def test_an_output_that_is_a_device_is_refused(tmp_path, device, words):
    """Regression: the rename replaced the symlink (or, given directly as root, the device node
    itself: `-o /dev/stdout` turned /dev/stdout into a plain file); a link to a deleted file (stdout
    redirected to one) made a new file called "/tmp/#1234 (deleted)"."""
    with contextlib.ExitStack() as stack:
        if device in ("pipe", "deleted"):
            device = stack.enter_context(stdout_like(device))
        link = tmp_path / "out.docx"
        link.symlink_to(device)
        for command in (["render"], ["cost", "--format", "json"]):
            result = cli(command[0], str(QUANG_TRI), *command[1:], "-o", str(link))
            assert result.exit_code == 2, result.output
            assert words in result.output
            assert link.is_symlink() and os.readlink(link) == device
        assert leftovers(tmp_path) == []
        assert not list(Path(tempfile.gettempdir()).glob("*(deleted)"))
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_full_given_directly_is_refused_and_stays_a_device():
    result = cli("cost", str(QUANG_TRI), "--format", "json", "-o", "/dev/full")
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# --------------------------------------------------------------------------------------------
# Permission denied, read-only, folders where files are expected
# --------------------------------------------------------------------------------------------


def test_permission_denied_in_an_immutable_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.docx").write_bytes(b"previous")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        result = cli("render", str(QUANG_TRI), "-o", str(folder / "out.docx"))
        assert result.exit_code == 2, result.output
        assert "permission denied" in result.output
        assert (folder / "out.docx").read_bytes() == b"previous"
        assert sorted(p.name for p in folder.iterdir()) == ["out.docx"]
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_read_only_file_system(tmp_path):
    with tmpfs(tmp_path / "ro", "ro,size=64k") as disk:
        result = cli("render", str(QUANG_TRI), "-o", str(disk / "out.docx"))
        assert result.exit_code == 2, result.output
        assert "read-only" in result.output


@pytest.mark.parametrize(
    ("target", "words"),
    [("/sys/cap135-out.docx", "permission denied"), ("/proc/cap135-out.docx", "cannot be created in /proc")],
)
def test_pseudo_file_systems(target, words):
    result = cli("render", str(QUANG_TRI), "-o", target)
    assert result.exit_code == 2, result.output
    assert words in result.output and target in result.output


def test_a_directory_where_a_file_is_expected(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "folder-link").symlink_to(tmp_path / "folder")
    cases = [
        (tmp_path / "folder", "is a directory"),
        (tmp_path / "folder-link", "is a directory"),
        (tmp_path / "file.txt" / "out.docx", "is not a folder"),
        (tmp_path / "missing" / "out.docx", "does not exist"),
    ]
    for target, words in cases:
        for command in (["render"], ["cost", "--format", "csv"]):
            result = cli(command[0], str(QUANG_TRI), *command[1:], "-o", str(target))
            assert result.exit_code == 2, (target, result.output)
            assert words in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder", "folder-link"]
    assert list((tmp_path / "folder").iterdir()) == []


# --------------------------------------------------------------------------------------------
# What a successful write keeps
# --------------------------------------------------------------------------------------------


def test_a_symlinked_output_updates_its_target(tmp_path, outputs):
    """Regression: the rename replaced the link with a plain file and left its target stale."""
    real = tmp_path / "shared" / "kehoach.docx"
    real.parent.mkdir()
    real.write_bytes(outputs["previous"])
    link = tmp_path / "out.docx"
    link.symlink_to(real)
    assert cli("render", str(QUANG_TRI), "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes() == outputs["new"]
    assert leftovers(tmp_path) == ["shared"] and leftovers(real.parent, keep="kehoach.docx") == []


def test_a_dangling_symlink_creates_its_target(tmp_path, outputs):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "real.docx")
    assert cli("render", str(QUANG_TRI), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and (tmp_path / "real.docx").read_bytes() == outputs["new"]


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    """Regression: a private (0600) document became world-readable (0644) when rewritten."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    out.chmod(0o600)
    assert cli("render", str(QUANG_TRI), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes() != b"previous"


def test_a_successful_render_leaves_only_the_output(tmp_path, outputs):
    out = tmp_path / "out.docx"
    out.write_bytes(outputs["previous"])
    assert cli("render", str(QUANG_TRI), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == outputs["new"]
    assert leftovers(tmp_path) == []


def test_pdf_next_to_the_output_is_never_the_input_plan(tmp_path, monkeypatch):
    """`render plan.pdf -o plan.docx --pdf` wrote the PDF over the plan (checked once with
    LibreOffice; here a stand-in converter honours `protect` as docx_to_pdf does)."""
    import cap135.documents.pdf as pdf_module
    from cap135.documents.atomic_files import atomic_output

    def fake_pdf(docx_path: Path, pdf_path: Path, *, protect: Path | None = None) -> None:
        with atomic_output(Path(pdf_path), protect=protect) as tmp:
            tmp.write_bytes(b"%PDF-1.4 stand-in")

    monkeypatch.setattr(pdf_module, "docx_to_pdf", fake_pdf)
    plan = tmp_path / "plan.pdf"  # an odd name for a plan, but a plan
    shutil.copyfile(QUANG_TRI, plan)
    before = plan.read_bytes()
    result = cli("render", str(plan), "-o", str(tmp_path / "plan.docx"), "--pdf")
    assert plan.read_bytes() == before, "the PDF replaced the plan"
    assert result.exit_code == 2
