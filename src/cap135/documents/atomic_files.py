"""Atomic file output: write to a temporary file beside the target, fsync, then rename.

Every failure a user can cause (a missing folder, a directory in the way, no permission, a full
disk, an output path that is the input plan) becomes an :class:`OutputError` whose message is one
English sentence naming the path. Nothing else from this layer reaches the user as a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from cap135.errors import OutputFailure

__all__ = ["OutputError", "atomic_output", "atomic_write_bytes", "check_output_path", "protected_paths"]

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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # same device and inode: hard links, symlinks
    except (OSError, ValueError):
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


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

    ``protect`` holds the inputs of the run (the plan, its rate tables, the template): an output
    that is one of them is refused, whether it is named by the same path, another path, a
    symlink or a hard link (same resolved path, or same device and inode).
    """
    path = Path(path)
    for source in protected_paths(protect):
        if _same_file(path, source):
            raise OutputError(
                f"Refusing to write {path}: it is the input file {source}, which would be "
                "overwritten; choose another output path.",
                path,
                "output-is-input",
            )
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


# The file formats of `cost -o` and `summary -o`, by extension.
FILE_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


def output_format(
    path: Path | None, given: str | None, default: str = "table", *, protect: Protect = None
) -> str:
    """The format to write: ``given`` (--format), else inferred from ``path``'s extension.

    Without -o the format is ``given`` or ``default`` (the terminal table). With -o:

    * no --format: the extension decides (.json, .csv, .xlsx); any other extension is refused;
    * --format table: refused (the table is drawn for a terminal, not a file);
    * --format json|csv|xlsx: the extension must be that format's, so an xlsx never hides
      under a .csv name.

    The path itself is checked first (:func:`check_output_path`: an input of the run, a folder,
    a device). Raises :class:`OutputError` (exit 2) before anything is computed or written.
    """
    if path is None:
        return given or default
    path = Path(path)
    check_output_path(path, protect)
    suffix = path.suffix.lower()
    inferred = FILE_FORMATS.get(suffix)
    choices = ", ".join(FILE_FORMATS)
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
    if given not in FILE_FORMATS.values():
        raise OutputError(
            f"Refusing to write {path}: --format {given} is drawn for the terminal; "
            f"for a file use --format json, csv or xlsx ({choices}).",
            path,
            "output-table-to-file",
            format=given,
            choices=choices,
        )
    if inferred != given:
        expected = next(ext for ext, fmt in FILE_FORMATS.items() if fmt == given)
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
