"""Results written whole, or not at all: a run killed midway leaves the previous results intact
(or nothing), never a mix of the two.

- `replaced_folder(folder, mark)`: a block fills a new, hidden folder beside `folder`; when it
  ends without error, that folder takes `folder`'s place (the previous one is renamed away, then
  removed): a report's files are all of one run. A `folder` that exists, holds files and lacks
  `mark` (`report.md`) is not a previous report: it is refused, not replaced.
- `file_sha256(path)`: the hash a result file records of the population it was computed from;
  `sha256_meanwhile(path)` computes it on a thread of its own, while the population computes.

`streaming.ResultWriter` writes a results file the same way (a temporary name, renamed once
complete).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path


class NotReplacedError(ValueError):
    """A folder that is not a previous result: replacing it would delete files of someone else."""


@contextmanager
def replaced_folder(folder, mark: str) -> Iterator[Path]:
    folder = Path(folder)
    if folder.exists() and (
        not folder.is_dir() or (any(folder.iterdir()) and not (folder / mark).exists())
    ):
        raise NotReplacedError(
            f"{folder} exists and is not a previous report (it has no {mark}): choose a new or "
            "empty folder; nothing was written."
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(
        tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent)
    )
    umask = os.umask(0)
    os.umask(umask)
    partial.chmod(0o777 & ~umask)  # mkdtemp's folder is private; a report is read by others
    try:
        yield partial
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    previous = partial.with_suffix(".previous")
    if folder.exists():
        os.replace(folder, previous)
    os.replace(partial, folder)
    shutil.rmtree(previous, ignore_errors=True)


def file_sha256(path, block: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_meanwhile(path) -> Callable[[], str]:
    """`file_sha256(path)`, computed from now on a thread of its own (hashlib lets the other
    threads run while it hashes): the function returned waits for it, or raises what it raised.
    A 3 GB population (10,000,000 persons) took 5.3 s to hash before its first batch was read.
    The thread only reads the file: it is not waited for if the program ends first, and a
    worker forked meanwhile (without it) touches nothing it holds."""
    hashed: Future = Future()

    def run() -> None:
        try:
            hashed.set_result(file_sha256(path))
        except BaseException as error:  # given to whoever waits for the hash
            hashed.set_exception(error)

    threading.Thread(target=run, name=f"sha256 {path}", daemon=True).start()
    return hashed.result
