"""The document store: bytes by SHA-256, behind one small interface. The default keeps them as files
under the instance folder (DOCUMENTS_PATH), never under the name a user gave them."""

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from flask import current_app

CHUNK = 1024 * 1024
HASH_LENGTH = 64


class TooLarge(Exception):
    """The upload passed DOCUMENTS_MAX_BYTES; nothing was kept."""


class Storage(Protocol):
    """What kimweb needs of a document store. `path` gives a local file to read (a store on a shared
    mount, see docs/deploy.md); writes go to `staging()` first and are moved in with `adopt`."""

    root: Path

    def path(self, key: str) -> Path: ...

    def staging(self) -> Path: ...

    def exists(self, key: str) -> bool: ...

    def adopt(self, staged: Path, key: str) -> None: ...

    def remove(self, key: str) -> None: ...

    def keys(self) -> Iterator[str]: ...


def is_key(key: str) -> bool:
    return len(key) == HASH_LENGTH and all(c in "0123456789abcdef" for c in key)


class FileStorage:
    """Files at <root>/<first two hex digits>/<sha256>; written to a temporary name and moved into
    place, so a reader never sees half a file, and the same content is stored once."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        if not is_key(key):
            raise ValueError("not a document key")
        return self.root / key[:2] / key

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def staging(self) -> Path:
        folder = self.root / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def adopt(self, staged: Path, key: str) -> None:
        target = self.path(key)
        if target.is_file():
            staged.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(staged, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(staged, target)
        target.chmod(0o440)

    def remove(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for file in sorted(folder.iterdir()):
                    if is_key(file.name):
                        yield file.name


def store() -> Storage:
    return FileStorage(Path(current_app.config["DOCUMENTS_PATH"]))


def stage(stream: IO[bytes], limit: int, storage: Storage | None = None) -> tuple[Path, str, int]:
    """Copy an upload to a temporary file beside the store, hashing it on the way: (path, sha256,
    size). Stops and deletes the copy as soon as it passes `limit` bytes."""
    storage = storage or store()
    digest, size = hashlib.sha256(), 0
    handle = tempfile.NamedTemporaryFile(dir=storage.staging(), delete=False, prefix="upload-")
    path = Path(handle.name)
    try:
        with handle:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, digest.hexdigest(), size


def put_bytes(data: bytes, storage: Storage | None = None) -> str:
    """Store small derived content (a thumbnail); its key."""
    storage = storage or store()
    key = hashlib.sha256(data).hexdigest()
    if not storage.exists(key):
        handle = tempfile.NamedTemporaryFile(dir=storage.staging(), delete=False, prefix="derived-")
        with handle:
            handle.write(data)
        storage.adopt(Path(handle.name), key)
    return key


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_tree(source: Storage, target: Storage) -> int:
    """Copy every stored file that the target lacks (backups, restores); how many were copied."""
    copied = 0
    for key in source.keys():
        if not target.exists(key):
            staged = target.staging() / f"copy-{key}"
            shutil.copyfile(source.path(key), staged)
            target.adopt(staged, key)
            copied += 1
    return copied
