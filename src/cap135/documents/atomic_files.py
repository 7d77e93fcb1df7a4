"""The one guarded writer: every file cap135 writes is written here, and only here.

Atomic file output: write to a temporary file beside the target, fsync, then rename. Every
failure a user can cause (a missing folder, a directory in the way, no permission, a full disk,
an output that is an input of the run) becomes an :class:`OutputError` whose message is one
English sentence naming the path (its catalogue code words it for the user). Nothing else from
this layer reaches the user as a traceback.

The inputs of a run (cap135.guard registers them before a command runs, through `protecting`)
are checked by every write, whatever command asked for it: an output that is one of them — by
its path, its resolved path, a symlink or a hard link (same device and inode) — is refused with
``output-is-input``. The other writes of cap135 are here too: the crash log, the scratch folder
of the PDF conversion. tests/test_run_safety.py reads the sources to hold that no other module
opens a file for writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from cap135.errors import OutputFailure

__all__ = [
    "OutputError",
    "atomic_copy",
    "atomic_output",
    "atomic_write_bytes",
    "check_output_path",
    "format_for",
    "is_input",
    "output_format",
    "output_target",
    "protected_paths",
    "protecting",
    "refuse_input",
    "same_file",
    "scratch_folder",
    "write_crash_log",
]

# The inputs of a run that an output must not replace: one path, several, or none.
Protect = Path | Iterable[Path] | None


class OutputError(OutputFailure):
    """The output file cannot be written; ``str()`` is a sentence naming the path."""

    def __init__(
        self, message: str, path: Path | None = None, code: str | None = None, **args: object
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.code = code  # the catalogue message (cap135.messages) the CLI shows
        self.args_for_message = {"path": path, **args}

    def __str__(self) -> str:
        return self.message


def _describe_os_error(path: Path, exc: OSError) -> OutputError:
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", None):
        return OutputError(
            f"Cannot write {path}: the disk is full (no space left on the device).", path, "output-disk-full"
        )
    elif code in (errno.EACCES, errno.EPERM):
        return OutputError(f"Cannot write {path}: permission denied.", path, "output-permission")
    elif code == errno.EROFS:
        return OutputError(f"Cannot write {path}: the file system is read-only.", path, "output-read-only")
    elif code == errno.ENAMETOOLONG:
        return OutputError(f"Cannot write {path}: the file name is too long.", path, "output-name-too-long")
    elif code == errno.EISDIR:
        return OutputError(f"Cannot write {path}: it is a directory.", path, "output-is-directory")
    elif code == errno.ENOENT and path.parent.is_dir():  # /proc, /sys: no new files there
        return OutputError(
            f"Cannot write {path}: files cannot be created in {path.parent}.",
            path,
            "output-cannot-create",
            folder=path.parent,
        )
    elif code == errno.ENOENT:
        return OutputError(
            f"Cannot write {path}: the folder {path.parent} does not exist.",
            path,
            "output-no-folder",
            folder=path.parent,
        )
    elif code == errno.ENOTDIR:
        return OutputError(
            f"Cannot write {path}: a part of the folder path {path.parent} is not a folder.",
            path,
            "output-not-folder",
            folder=path.parent,
        )
    reason = exc.strerror or exc.__class__.__name__
    return OutputError(f"Cannot write {path}: {reason}.", path, "output-failed", reason=reason)


@dataclass(frozen=True)
class _File:
    """A file as an output is compared with it: its resolved path and its (device, inode)."""

    named: Path
    resolved: str
    identity: tuple[int, int] | None  # None: it does not exist (yet)

    @classmethod
    def of(cls, path: Path) -> _File:
        try:
            resolved = os.path.realpath(path)  # symlinks followed; a missing tail kept as named
        except (OSError, ValueError):
            resolved = os.path.abspath(path)
        try:
            st = os.stat(path)  # follows symlinks: a link to an input has the input's inode
            identity: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            identity = None
        return cls(Path(path), resolved, identity)

    def same(self, other: _File) -> bool:
        if self.identity is not None and self.identity == other.identity:
            return True  # a hard link, a symlink, or another spelling of the same file
        return self.resolved == other.resolved


# The inputs of the run being executed (see `protecting`): every write is checked against them.
_run_inputs: tuple[_File, ...] = ()


@contextlib.contextmanager
def protecting(paths: Iterable[Path]) -> Iterator[None]:
    """While the block runs, no write may replace one of ``paths`` (the inputs of the run)."""
    global _run_inputs
    previous = _run_inputs
    _run_inputs = previous + tuple(_File.of(Path(p)) for p in paths)
    try:
        yield
    finally:
        _run_inputs = previous


def is_input(path: Path, protect: Protect = None) -> Path | None:
    """The input of the run (or of ``protect``) that ``path`` would replace, else None."""
    target = _File.of(Path(path))
    for known in (*(_File.of(p) for p in protected_paths(protect)), *_run_inputs):
        if target.same(known):
            return known.named
    return None


def refuse_input(path: Path, protect: Protect = None) -> None:
    """Raise :class:`OutputError` ``output-is-input`` if writing ``path`` would replace an input."""
    source = is_input(path, protect)
    if source is not None:
        raise OutputError(
            f"Refusing to write {path}: it is the input file {source}, which would be "
            "overwritten; choose another output path.",
            Path(path),
            "output-is-input",
            input=source,
        )


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (a path, a symlink or a hard link to it)."""
    return _File.of(Path(a)).same(_File.of(Path(b)))


def protected_paths(*groups: Protect) -> tuple[Path, ...]:
    """The paths of ``groups`` (each None, one path or several) as one tuple, in order."""
    found: list[Path] = []
    for group in groups:
        if group is None:
            continue
        if isinstance(group, (str, os.PathLike)):
            found.append(Path(group))
        else:
            found.extend(Path(p) for p in group)
    return tuple(found)


def check_output_path(path: Path, protect: Protect = None) -> None:
    """Raise :class:`OutputError` if ``path`` cannot be a new output file (nothing is written).

    ``protect`` holds inputs besides those the run registered (`protecting`): an output that is
    one of them is refused, whether it is named by the same path, another path, a symlink or a
    hard link (same resolved path, or same device and inode).
    """
    path = Path(path)
    refuse_input(path, protect)
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except (OSError, ValueError):
        mode = None  # does not exist (yet), or a problem the write itself will name
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"Cannot write {path}: it is a directory.", path, "output-is-directory")
    if mode is not None and not stat.S_ISREG(mode):
        # /dev/stdout, /dev/full, a pipe: renaming a temporary file over it would replace the
        # device node or the link itself (as root, /dev/stdout would become a plain file).
        raise OutputError(
            f"Cannot write {path}: it is not a regular file (a device, a pipe or a socket); "
            "give the path of a file.",
            path,
            "output-not-regular",
        )
    if mode is not None and path.is_symlink() and not _resolves_to_itself(path):
        # /proc/self/fd/1 when stdout is a deleted or anonymous file: the link leads to a file
        # that has no name to rename onto (realpath gives "/tmp/#123 (deleted)").
        raise OutputError(
            f"Cannot write {path}: it is a link to a file that cannot be replaced by name "
            "(a deleted file, or stdout through /proc); give the path of a file.",
            path,
            "output-bad-link",
        )
    try:
        parent = _target(path).parent
    except OSError as exc:  # a name too long for the file system
        raise _describe_os_error(path, exc) from None
    if not parent.exists():
        raise OutputError(
            f"Cannot write {path}: the folder {parent} does not exist.",
            path,
            "output-no-folder",
            folder=parent,
        )
    if not parent.is_dir():
        raise OutputError(
            f"Cannot write {path}: {parent} is not a folder.", path, "output-not-folder", folder=parent
        )


def _resolves_to_itself(link: Path) -> bool:
    try:
        return os.path.samefile(os.path.realpath(link), link)
    except (OSError, ValueError):
        return False


def _target(path: Path) -> Path:
    """The file to replace: a symlink is followed, so the link keeps pointing at the new output."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _create_temp(path: Path) -> Path:
    """Create an empty temp file ``.<name>.<random>.tmp`` in the target's folder.

    ``os.open`` with mode 0o666 lets the umask decide the permissions, as for any new file.
    """
    import secrets  # here: the command line imports this module at start, and secrets is slow to load

    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise OutputError(
        f"Cannot write {path}: no free temporary file name in its folder.", path, "output-no-temp"
    )


def _fsync_file(tmp: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    # Best effort: makes the rename durable on POSIX; not possible on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, *, protect: Protect = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    On any failure inside the block the temporary file is removed and an existing ``path`` is
    left untouched. ``OSError`` raised inside the block (writing the temp file) becomes
    :class:`OutputError`; other exceptions propagate unchanged.
    """
    path = Path(path)
    check_output_path(path, protect)
    target = _target(path)
    try:
        tmp = _create_temp(target)
    except OSError as exc:
        raise _describe_os_error(path, exc) from None
    try:
        try:
            yield tmp
            _fsync_file(tmp)
            _keep_mode(target, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise _describe_os_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


def _keep_mode(target: Path, tmp: Path) -> None:
    """A file that replaces another keeps its permissions (a private 0600 document stays private)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return  # a new file: the umask decided
    os.chmod(tmp, mode)


def atomic_write_bytes(path: Path, data: bytes, *, protect: Protect = None) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename)."""
    with atomic_output(path, protect=protect) as tmp:
        tmp.write_bytes(data)


def atomic_copy(source: Path, path: Path, *, protect: Protect = None) -> None:
    """Copy the file ``source`` to ``path`` atomically (a PDF LibreOffice made in a scratch folder)."""
    import shutil

    with atomic_output(path, protect=protect) as tmp:
        shutil.copyfile(source, tmp)


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A private temporary folder, removed with what is in it when the block ends."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


def scratch_copy(source: Path, folder: Path, name: str) -> Path:
    """A copy of ``source`` named ``name`` in a folder made by `scratch_folder`."""
    import shutil

    target = folder / name
    shutil.copyfile(source, target)
    return target


def write_crash_log(prefix: str, text: str) -> Path | None:
    """A new log file in the temporary folder holding ``text``; None if none can be written."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(text)
    except OSError:
        return None
    return Path(name)


def output_target(raw: str) -> Path:
    """The path of an output option (`-o`, `--write`, init's file) as typed, checked as a file name.

    pathlib forgets a trailing separator (``Path("t.json/") == Path("t.json")``), which named a
    folder: the raw text is checked here, when the option is parsed (its ``parser``).
    """
    separators = (os.sep, *((os.altsep,) if os.altsep else ()))
    if not raw or raw.endswith(separators) or os.path.basename(raw) in ("", ".", ".."):
        raise OutputError(
            f"Refusing to write {raw!r}: the name ends with a folder separator (or is empty), so it "
            "names a folder; give the name of a file.",
            None,
            "output-folder-name",
            name=raw,
        )
    return Path(raw)


# The file formats of `cost -o` and `summary -o`, by extension.
FILE_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


def output_format(
    path: Path | None, given: str | None, default: str = "table", *, protect: Protect = None
) -> str:
    """The format to write: ``given`` (--format), else inferred from ``path``'s extension.

    Without -o the format is ``given`` or ``default`` (the terminal table). With -o the path
    itself is checked first (:func:`check_output_path`: an input of the run, a folder, a device),
    then :func:`format_for` with the data formats (.json, .csv, .xlsx). Raises
    :class:`OutputError` (exit 2) before anything is computed or written.
    """
    if path is None:
        return given or default
    path = Path(path)
    check_output_path(path, protect)
    return format_for(path, given, FILE_FORMATS)


def format_for(path: Path, given: str | None, formats: Mapping[str, str]) -> str:
    """The format of the file ``path``: ``formats`` maps each extension a command writes to its
    format (``{".json": "json", ".docx": "table"}``: `report -o x.docx` is its document).

    * no --format (``given`` None): the extension decides; any other extension is refused;
    * --format that no file of this command has (table, for cost): refused;
    * --format that another extension has: the extension must be that format's, so an xlsx never
      hides under a .csv name, nor JSON under .docx.
    """
    suffix = Path(path).suffix.lower()
    inferred = formats.get(suffix)
    choices = ", ".join(formats)
    if given is None:
        if inferred is None:
            raise OutputError(
                f"Refusing to write {path}: no format for the extension {suffix or '(none)'}; "
                f"use {choices} or --format.",
                path,
                "output-unknown-extension",
                suffix=suffix or "(—)",
                choices=choices,
            )
        return inferred
    if given not in formats.values():
        data = ", ".join(sorted({f for f in formats.values() if f != "table"}))
        raise OutputError(
            f"Refusing to write {path}: --format {given} is drawn for the terminal; "
            f"for a file use --format {data} ({choices}).",
            path,
            "output-table-to-file",
            format=given,
            choices=choices,
        )
    if inferred != given:
        expected = next(ext for ext, fmt in formats.items() if fmt == given)
        raise OutputError(
            f"Refusing to write {path}: the extension {suffix or '(none)'} does not match the "
            f"format {given}; use {expected}.",
            path,
            "output-format-mismatch",
            suffix=suffix or "(—)",
            format=given,
            expected=expected,
        )
    return given
