"""Suites that build their own corpus: the real documents plus planted pages (issue 10's conflicting copy).

A case file with `corpus: {plant: [...]}` is run on a corpus made at eval time: corpus/ copied, each planted
page written as a copy of a real document with whole lines replaced, then ingested with the real model,
Chroma and DuckDB into its own data folder. The folder is keyed by the fixture and the corpus contents, so a
second run reuses the build (the ingest is a no-op when nothing changed).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from assistant.settings import Settings
from eval.errors import HarnessError
from eval.schema import CorpusFixture

FIXTURES_FOLDER = "eval-fixtures"


def fixture_key(fixture: CorpusFixture, corpus_dir: Path) -> str:
    """A short digest of the fixture and every corpus file it starts from."""
    digest = hashlib.sha256(fixture.model_dump_json().encode())
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plant_corpus(fixture: CorpusFixture, corpus_dir: Path, target: Path) -> Path:
    """Copy `corpus_dir` to `target` and write the planted pages; a replacement that does not apply is an error."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(corpus_dir, target)
    for page in fixture.plant:
        source = corpus_dir / page.copy_of
        if not source.is_file():
            raise HarnessError(f"planted page {page.name}: {page.copy_of} is not in {corpus_dir}")
        if (corpus_dir / page.name).exists():
            raise HarnessError(f"planted page {page.name} would overwrite a real document")
        lines = source.read_text(encoding="utf-8").split("\n")
        for old, new in page.replace.items():
            found = [number for number, line in enumerate(lines) if line == old]
            if len(found) != 1:
                raise HarnessError(
                    f"planted page {page.name}: line {old!r} occurs {len(found)} times in {page.copy_of} (need once)"
                )
            lines[found[0]] = new
        (target / page.name).write_text("\n".join(lines), encoding="utf-8")
    return target


def fixture_settings(fixture: CorpusFixture, settings: Settings, progress: bool = False) -> Settings:
    """Settings for the fixture's own corpus and data folder, ingested and ready to build an assistant on."""
    from assistant.errors import AssistantError
    from assistant.ingest import run_ingest

    root = settings.data_dir / FIXTURES_FOLDER / fixture_key(fixture, settings.corpus_dir)
    corpus = plant_corpus(fixture, settings.corpus_dir, root / "corpus")
    planted = settings.model_copy(update={"corpus_dir": corpus, "data_dir": root / "data"})
    try:
        run_ingest(planted, progress=progress)
    except AssistantError as exc:
        raise HarnessError(f"cannot ingest the planted corpus in {root}: {exc.message}") from exc
    return planted
