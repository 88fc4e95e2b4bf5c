"""Builds on disk: which one data/CURRENT names, whether it is whole, which processes have it open.

data/builds/<build>/ holds one complete build. Its manifest.json records the sha256 and size of every
file that never changes after the build (statistics, sentence vectors, the corpus copy) and the count
and digest of its chunk vectors (Chroma rewrites its own files whenever it opens them, so those are
checked by content). Loading verifies all of it and names what is wrong.

A process that opens a build leaves a lease file, builds/<build>/leases/<pid>@<host>. Pruning keeps the
current build, the newest KEEP_BUILDS and every build with a live lease: the pid is alive on this host,
or (a process on another host sharing the folder) the lease was refreshed within LEASE_TTL_SECONDS.
An ingest's temporary folder records its owner the same way, so the next ingest can tell debris from
work in progress.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any

from assistant.errors import BuildDamaged
from assistant.settings import Settings

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
OWNER = "owner.json"  # in a temporary build folder: who is writing it
TMP_PREFIX = ".tmp-"
KEEP_BUILDS = 2  # besides those in use: the newest builds stay, so a rollback is one pointer write away
LEASE_TTL_SECONDS = 120.0  # leases from other hosts count only while refreshed (LeaseKeeper: every 30 s)
FOREIGN_TMP_MAX_AGE_SECONDS = 3600.0  # a temp folder whose owner we cannot check (another host)
HOST = socket.gethostname()


# -- the pointer ----------------------------------------------------------------------------------------


def read_pointer(settings: Settings) -> str | None:
    try:
        name = settings.current_pointer.read_text().strip()
    except FileNotFoundError:
        return None
    return name or None


def pointer_signature(settings: Settings) -> tuple[int, int] | None:
    """Changes whenever the pointer is replaced (os.replace gives it a new inode): a stat, no read."""
    try:
        stat = settings.current_pointer.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def named_build(settings: Settings) -> tuple[str, Path] | None:
    """The build data/CURRENT names, if its folder has a manifest (not verified: see `verify_build`)."""
    name = read_pointer(settings)
    if name is None:
        return None
    build_dir = settings.builds_dir / name
    return (name, build_dir) if (build_dir / MANIFEST).exists() else None


def collection_name(settings: Settings, build_id: str) -> str:
    # One collection per build: a server holds several builds side by side, so the swap stays atomic.
    return f"{settings.collection_name}-{build_id}"[:60]


def read_manifest(build_dir: Path) -> dict[str, Any]:
    return json.loads((build_dir / MANIFEST).read_text())


# -- checksums and verification -------------------------------------------------------------------------


def checksummed_files(build_dir: Path) -> list[Path]:
    """The files a build never changes after it is made: everything except Chroma's own, leases, manifest."""
    skip = {MANIFEST, OWNER}
    return sorted(
        path
        for path in build_dir.rglob("*")
        if path.is_file() and path.name not in skip and path.relative_to(build_dir).parts[0] not in ("chroma", "leases")
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(build_dir: Path) -> dict[str, dict[str, Any]]:
    return {
        path.relative_to(build_dir).as_posix(): {"sha256": _sha256(path), "bytes": path.stat().st_size}
        for path in checksummed_files(build_dir)
    }


def verify_build(settings: Settings, build_id: str, build_dir: Path, *, deep: bool = True) -> list[str]:
    """What is wrong with a build (empty when it matches its manifest), each problem named for an operator.

    `deep=False` checks local Chroma files without importing chromadb (SQLite integrity, vector count,
    index files present), so that a no-change ingest stays well under a second; loading checks deeply."""
    try:
        manifest = read_manifest(build_dir)
    except (OSError, ValueError) as error:
        return [f"its manifest is unreadable ({error})"]
    expected: dict[str, dict[str, Any]] | None = manifest.get("files")
    if not expected:
        return ["its manifest has no checksums (made by an older version)"]
    problems = []
    for name, want in expected.items():
        path = build_dir / name
        if not path.is_file():
            problems.append(f"{name} is missing")
            continue
        size = path.stat().st_size
        if size != want["bytes"]:
            problems.append(f"{name} has {size:,} bytes, the manifest says {want['bytes']:,} (truncated or replaced)")
        elif _sha256(path) != want["sha256"]:
            problems.append(f"{name} does not match its sha256 checksum (changed after the build)")
    if deep or settings.chroma_host:
        problems.extend(_vector_problems(settings, build_id, build_dir, manifest))
    else:
        problems.extend(_chroma_file_problems(settings, build_id, build_dir, manifest))
    return problems


def _chroma_file_problems(settings: Settings, build_id: str, build_dir: Path, manifest: dict[str, Any]) -> list[str]:
    import sqlite3

    database = build_dir / "chroma" / "chroma.sqlite3"
    if not database.is_file():
        return ["chroma/chroma.sqlite3 is missing"]
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            integrity = connection.execute("PRAGMA quick_check").fetchall()
            segments = connection.execute(
                "SELECT s.id, s.scope, COUNT(e.id) FROM collections c JOIN segments s ON s.collection = c.id "
                "LEFT JOIN embeddings e ON e.segment_id = s.id WHERE c.name = ? GROUP BY s.id, s.scope",
                (collection_name(settings, build_id),),
            ).fetchall()
    except sqlite3.Error as error:
        return [f"chroma/chroma.sqlite3 is unreadable ({error})"]
    if integrity != [("ok",)]:
        return [f"chroma/chroma.sqlite3 fails its integrity check ({integrity[0][0]})"]
    count = sum(n for _, scope, n in segments if scope == "METADATA")
    want = (manifest.get("vectors") or {}).get("count")
    if count != want:
        return [f"its Chroma collection holds {count} chunks, the manifest says {want}"]
    vector_segments = [segment for segment, scope, _ in segments if scope == "VECTOR"]
    if not all((build_dir / "chroma" / segment / "data_level0.bin").is_file() for segment in vector_segments):
        return ["its Chroma vector index files are missing"]
    return []


def _vector_problems(settings: Settings, build_id: str, build_dir: Path, manifest: dict[str, Any]) -> list[str]:
    from assistant.vector_store import collection_digest

    want = manifest.get("vectors") or {}
    try:
        count, digest = collection_digest(settings, build_dir, build_id)
    except Exception as error:  # noqa: BLE001 - Chroma raises many kinds on damaged files; all mean "unreadable"
        return [f"its Chroma collection is unreadable ({type(error).__name__}: {error})"]
    if count != want.get("count"):
        return [f"its Chroma collection holds {count} chunk vectors, the manifest says {want.get('count')}"]
    if digest != want.get("sha256"):
        return ["its chunk vectors in Chroma do not match the manifest's digest"]
    return []


def verified_build(settings: Settings) -> tuple[str, Path] | None:
    """The build data/CURRENT names, verified, or BuildDamaged naming every problem (None: no build yet)."""
    found = named_build(settings)
    if found is None:
        return None
    problems = verify_build(settings, *found)
    if problems:
        raise BuildDamaged(
            f"build {found[0]} is damaged: {'; '.join(problems)}. "
            "Run `assistant ingest` (or POST /admin/reindex) to rebuild it"
        )
    return found


# -- processes: alive or not ----------------------------------------------------------------------------


def pid_alive(pid: int) -> bool:
    """Whether a process of this host is running (a zombie, killed but not yet reaped, counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): the signal said it exists
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def owner_record() -> dict[str, Any]:
    return {"pid": os.getpid(), "host": HOST, "started": time.time()}


def owner_gone(owner: dict[str, Any] | None, age_seconds: float) -> bool:
    """A temp folder's owner is gone: dead pid on this host; elsewhere (or unknown owner) only when old."""
    if owner and owner.get("host") == HOST:
        return not pid_alive(int(owner.get("pid", -1)))
    return age_seconds > FOREIGN_TMP_MAX_AGE_SECONDS


def remove_orphaned_temp_folders(settings: Settings) -> list[str]:
    """Delete `.tmp-*` build folders whose ingest died (kill -9, power loss), whatever their age."""
    removed: list[str] = []
    if not settings.builds_dir.is_dir():
        return removed
    for path in settings.builds_dir.iterdir():
        if not path.is_dir() or not path.name.startswith(TMP_PREFIX):
            continue
        try:
            owner = json.loads((path / OWNER).read_text())
        except (OSError, ValueError):
            owner = None
        if owner_gone(owner, time.time() - path.stat().st_mtime):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    if removed:
        log.warning("removed %d temporary build folder(s) left by dead ingests: %s", len(removed), ", ".join(removed))
    return removed


# -- leases ---------------------------------------------------------------------------------------------


def _lease_name() -> str:
    return f"{os.getpid()}@{HOST}"


def lease_is_live(lease: Path) -> bool:
    pid, _, host = lease.name.partition("@")
    if host == HOST:
        return pid.isdigit() and pid_alive(int(pid))
    try:
        return time.time() - lease.stat().st_mtime < LEASE_TTL_SECONDS
    except FileNotFoundError:
        return False


def in_use(build_dir: Path) -> bool:
    """Whether a live process holds a lease on this build (stale leases are removed on the way)."""
    leases = build_dir / "leases"
    if not leases.is_dir():
        return False
    live = False
    for lease in leases.iterdir():
        if lease_is_live(lease):
            live = True
        else:
            lease.unlink(missing_ok=True)
    return live


class LeaseKeeper:
    """This process's leases, shared by every assistant in it. Per data dir it holds the two builds opened
    last: the one being loaded and the one still serving until the swap."""

    HELD_PER_DATA_DIR = 2

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[Path, list[Path]] = {}
        self._pid = os.getpid()

    def hold(self, build_dir: Path) -> None:
        lease = build_dir / "leases" / _lease_name()
        with self._lock:
            self._after_fork()
            lease.parent.mkdir(exist_ok=True)
            lease.write_text(f"{time.time():.0f}\n")
            held = [p for p in self._held.get(build_dir.parent, []) if p != lease] + [lease]
            for old in held[: -self.HELD_PER_DATA_DIR]:
                old.unlink(missing_ok=True)
            self._held[build_dir.parent] = held[-self.HELD_PER_DATA_DIR :]

    def refresh(self) -> None:
        """Touch every lease (only leases read from another host need it; a pid check suffices here)."""
        with self._lock:
            self._after_fork()
            for held in self._held.values():
                for lease in held:
                    with contextlib.suppress(FileNotFoundError):  # the build was removed by hand
                        lease.touch()

    def _after_fork(self) -> None:
        if os.getpid() != self._pid:  # a forked worker: the parent's leases are the parent's
            self._held, self._pid = {}, os.getpid()


LEASES = LeaseKeeper()


def prune(settings: Settings, keep: str) -> list[str]:
    """Remove builds nobody needs: not current, not among the newest KEEP_BUILDS, not leased by a live process."""
    from assistant.vector_store import drop_collection

    current = read_pointer(settings)
    builds = [p for p in settings.builds_dir.iterdir() if p.is_dir() and not p.name.startswith(TMP_PREFIX)]
    builds.sort(key=_built_at, reverse=True)
    newest = {p.name for p in builds[:KEEP_BUILDS]}
    removed = []
    for path in builds:
        if path.name in newest or path.name in (keep, current) or in_use(path):
            continue
        shutil.rmtree(path, ignore_errors=True)
        drop_collection(settings, path.name)
        removed.append(path.name)
    return removed


def _built_at(build_dir: Path) -> float:
    # The manifest's time, not the folder's: adding a lease changes the folder's mtime.
    try:
        return (build_dir / MANIFEST).stat().st_mtime
    except FileNotFoundError:
        return 0.0


class BuildWatcher:
    """A daemon thread that calls `on_change` soon after data/CURRENT is replaced (by any process: the CLI,
    another worker's reindex) and refreshes this process's leases."""

    def __init__(self, settings: Settings, on_change: Any, interval_seconds: float = 0.25) -> None:
        self._settings = settings
        self._on_change = on_change
        self._interval = interval_seconds
        self._stop = threading.Event()
        self._seen = pointer_signature(settings)
        self._thread = threading.Thread(target=self._run, name="build-watcher", daemon=True)

    def start(self) -> BuildWatcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        last_refresh = time.monotonic()
        while not self._stop.wait(self._interval):
            signature = pointer_signature(self._settings)
            if signature != self._seen:
                self._seen = signature
                try:
                    self._on_change()
                except Exception:  # the old build keeps serving; the next change tries again
                    log.exception("loading the new build named by %s failed", self._settings.current_pointer)
            if time.monotonic() - last_refresh > LEASE_TTL_SECONDS / 4:
                LEASES.refresh()
                last_refresh = time.monotonic()
