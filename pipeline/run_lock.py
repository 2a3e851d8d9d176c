"""One run at a time per output folder and per build folder (each quality apart).

Two commands writing the same ``<out>/<quality>/`` (or sharing manim's partial movies and
slides in ``<build>/<quality>/``) would mix their files: one run's scene videos joined into the
other's ``lecture.mp4``, or a partial movie deleted under the other's feet. A rendering
command holds an exclusive lock (``fcntl.flock``) on ``.lecture.lock`` in each of its two
folders from its checks until it exits; a second command on the same folders says which run
holds them and waits for it to finish (Ctrl-C stops waiting), then renders with its own
settings. Runs on other folders or qualities are not held up. The operating system drops a
lock when its process ends, however it ends (Ctrl-C, a crash, ``kill -9``): a lock is never
left behind. The lock file itself is removed when the run ends (a lock taken on a file
another run removed meanwhile is taken again on the new file), so a refused run leaves none.

The folders are created here, so ``--out`` on a read-only place or on an existing file is
refused before anything is rendered.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
import sys
import time
from pathlib import Path
from typing import IO

LOCK_NAME = ".lecture.lock"
_held: dict[Path, IO[str]] = {}  # lock file -> its open file, for this process's run


class FolderError(OSError):
    """A folder a run must write to that cannot be used; ``str(err)`` says why and the fix."""


def hold_run_folders(folders: dict[str, tuple[Path, Path]], *, say=None) -> None:  # type: ignore[no-untyped-def]
    """Create each folder and take its run lock, waiting (and saying so, through ``say``,
    default stderr) while another run holds it. ``folders`` maps an option (``--out``) to
    the path the user gave and the folder the run writes in it (``<out>/<quality>``). Held
    until :func:`release_run_folders` or the process ends; taking a lock this process holds
    already does nothing.

    Raises :class:`FolderError` when a folder cannot be created or written."""
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    for option, (given, folder) in folders.items():
        lock_path = folder / LOCK_NAME
        if lock_path in _held:
            continue
        while True:
            lock = _open_lock(option, given, folder)
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another run"
                say(
                    f"{folder} is in use by {holder}; waiting for it to finish, so that the "
                    "two runs' files do not mix (Ctrl-C stops waiting; another --out and "
                    "--build-dir would not wait)"
                )
                started = time.monotonic()
                fcntl.flock(lock, fcntl.LOCK_EX)
                say(f"{folder} is free (waited {time.monotonic() - started:.1f} s); starting")
            if _still_there(lock, lock_path):
                break
            lock.close()  # the run before removed it when it ended: lock the new one
        _held[lock_path] = lock
        try:
            lock.seek(0)
            lock.truncate()
            lock.write(_describe_this_run())
            lock.flush()
        except OSError as err:  # a full disk: nothing of the run is written yet
            release_run_folders()
            raise FolderError(
                f"{option} {given}: cannot write the run's lock file {lock_path} "
                f"({err.strerror}). Fix: free some space there (or give {option} another "
                "folder) and run again"
            ) from None


def release_run_folders() -> None:
    """Let other runs have the folders this process holds (also done by its exit)."""
    while _held:
        lock_path, lock = _held.popitem()
        if _still_there(lock, lock_path):
            lock_path.unlink(missing_ok=True)  # still locked: nobody else has taken it
        fcntl.flock(lock, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):  # a full disk: what was not written is dropped
            lock.close()  # (the file is closed all the same)


def _still_there(lock: IO[str], lock_path: Path) -> bool:
    """Whether ``lock`` is the file now at ``lock_path`` (not one removed since)."""
    try:
        return os.stat(lock_path).st_ino == os.fstat(lock.fileno()).st_ino
    except OSError:
        return False


def _open_lock(option: str, given: Path, folder: Path) -> IO[str]:
    """The lock file in ``folder`` (created), or :class:`FolderError` saying why not."""
    fix = f"Fix: give {option} a folder you can write to"
    for part in (given, *given.parents):
        if part.exists() and not part.is_dir():
            raise FolderError(f"{option} {given}: {part} is a file, not a folder. {fix}")
    if (folder / LOCK_NAME).is_dir():
        raise FolderError(
            f"{option} {given}: {folder / LOCK_NAME} is a folder, where the run's lock file "
            f"goes. Fix: remove that folder (rmdir {shlex.quote(str(folder / LOCK_NAME))}) "
            "if it is empty, or move it away"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return (folder / LOCK_NAME).open("a+", encoding="utf-8")
    except OSError as err:
        raise FolderError(
            f"{option} {given}: cannot write in {folder} ({err.strerror}). {fix}"
        ) from None


def _describe_this_run() -> str:
    command = shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "?"
    return f"process {os.getpid()} ({command}, since {time.strftime('%H:%M:%S')})"
