"""Read the files of a release that may come from anywhere: a folder or a zip given to `diff` or
`--previous`. Nothing in it is trusted: paths its descriptor names stay inside it (no `..`, no absolute
path, no symlink leading out), members' names are checked, and the number of members and the bytes
they decompress to are bounded, so a crafted archive is refused, never obeyed or allowed to exhaust memory.
"""
from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

MAX_MEMBERS = 10_000
MAX_FILE_BYTES = 1 << 30  # one file of a release; the largest table today is well under a megabyte
MAX_TOTAL_BYTES = 2 << 30


class SnapshotError(Exception):
    """A release (or package folder) that cannot be read as one: the message names it and why."""


def _safe_relative(rel: str, where: str) -> PurePosixPath:
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        raise SnapshotError(f"{where} names a file with an unusable path: {rel!r}")
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise SnapshotError(f"{where} names a file outside it: {rel!r}")
    return path


class ReleaseReader:
    """`read(rel)`: the bytes of one file of a release folder or zip, by its path inside the release."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.read_total = 0
        if not os.path.lexists(self.path):
            raise SnapshotError(f"{self.path} does not exist")
        if self.path.is_file() and self.path.name != "datapackage.json":
            self._open_zip()
        else:
            folder = self.path.parent if self.path.name == "datapackage.json" else self.path
            if not (folder / "datapackage.json").is_file():
                raise SnapshotError(f"{self.path} is neither a release, a release zip nor a package folder "
                                    "with a datapackage.json")
            self.folder, self.archive = Path(os.path.realpath(folder)), None

    def _open_zip(self) -> None:
        try:
            archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
            raise SnapshotError(f"{self.path} is not a complete zip archive (truncated or not a zip); "
                                "give a release folder or the zip `catraffick build` wrote") from None
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise SnapshotError(f"{self.path} holds {len(infos)} members, more than a release ({MAX_MEMBERS} at most)")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise SnapshotError(f"{self.path} would decompress to more than {MAX_TOTAL_BYTES >> 30} GiB; "
                                "it is not a release")
        self.members = {}
        for info in infos:
            name = _safe_relative(info.filename.rstrip("/") or "?", str(self.path))
            self.members[name.as_posix()] = info
        tops = sorted(PurePosixPath(n).parent for n in self.members if PurePosixPath(n).name == "datapackage.json")
        if not tops:
            raise SnapshotError(f"{self.path} holds no datapackage.json: it is not a release zip")
        self.top, self.archive, self.folder = tops[0], archive, None

    def read(self, rel: str, where: str = "datapackage.json") -> bytes:
        path = _safe_relative(rel, f"{self.path} ({where})")
        data = self._read_member(path) if self.archive is not None else self._read_file(path)
        self.read_total += len(data)
        if self.read_total > MAX_TOTAL_BYTES:
            raise SnapshotError(f"{self.path}: its files add up to more than {MAX_TOTAL_BYTES >> 30} GiB")
        return data

    def _read_member(self, path: PurePosixPath) -> bytes:
        name = (self.top / path).as_posix() if str(self.top) != "." else path.as_posix()
        info = self.members.get(name)
        if info is None:
            raise SnapshotError(f"{self.path} lacks {name}, which its datapackage.json names")
        if info.file_size > MAX_FILE_BYTES:
            raise SnapshotError(f"{self.path}: {name} is larger than {MAX_FILE_BYTES >> 20} MiB")
        try:
            with self.archive.open(info) as member:
                data = member.read(MAX_FILE_BYTES + 1)  # a lying size header cannot make it read more
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise SnapshotError(f"{self.path}: member {name} is corrupt ({exc})") from None
        if len(data) > MAX_FILE_BYTES:
            raise SnapshotError(f"{self.path}: {name} decompresses to more than {MAX_FILE_BYTES >> 20} MiB")
        return data

    def _read_file(self, path: PurePosixPath) -> bytes:
        real = os.path.realpath(self.folder / path)
        if os.path.commonpath([str(self.folder), real]) != str(self.folder):
            raise SnapshotError(f"{self.folder}: {path} leads outside the release (a symbolic link?)")
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            raise SnapshotError(f"{self.folder} lacks {path}, which its datapackage.json names") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise SnapshotError(f"{self.folder}: {path} is not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise SnapshotError(f"{self.folder}: {path} is larger than {MAX_FILE_BYTES >> 20} MiB")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                return fh.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
