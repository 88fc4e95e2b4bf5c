"""A plain LangChain RAG baseline over the same corpus, to show what our pipeline adds kind by kind.

RecursiveCharacterTextSplitter (1000/200) over the corpus files as they are, an ephemeral in-memory Chroma
(telemetry off) with the local embedding model passed explicitly, top-4 passages concatenated as the
answer. It has no route, no tools, no memory and never abstains.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import Settings
from eval.models import Observation, ObservedCitation

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class HeadingMap:
    """Heading path in force at each character offset of one document."""

    offsets: list[int]
    paths: list[str]

    @classmethod
    def of(cls, text: str) -> HeadingMap:
        offsets, paths, stack = [0], [""], []
        position = 0
        for line in text.splitlines(keepends=True):
            match = _HEADING.match(line.rstrip("\n"))
            if match:
                level = len(match.group(1))
                stack = [(lvl, name) for lvl, name in stack if lvl < level] + [(level, match.group(2))]
                offsets.append(position)
                paths.append(" > ".join(name for _, name in stack))
            position += len(line)
        return cls(offsets, paths)

    def spanned(self, start: int, end: int) -> list[str]:
        """Every section path a passage [start, end) overlaps, first the one it starts in."""
        first = bisect_right(self.offsets, start) - 1
        last = bisect_right(self.offsets, max(start, end - 1)) - 1
        return [path for path in self.paths[first : last + 1] if path] or [""]


class BaselineRag:
    """Top-4 passages from a 1000/200 recursive split in Chroma, returned verbatim as the answer."""

    channel = "baseline_rag"

    def __init__(self, settings: Settings, top_k: int = TOP_K) -> None:
        import chromadb
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.top_k = top_k
        self._embeddings = HuggingFaceEmbeddings(model_name=str(settings.model_path))
        self._client = chromadb.EphemeralClient(settings=chromadb.config.Settings(anonymized_telemetry=False))
        self._collection = f"baseline-{uuid.uuid4().hex[:8]}"
        self._store = Chroma(
            collection_name=self._collection,
            embedding_function=self._embeddings,
            client=self._client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        chunks: list[Document] = []
        for path in corpus_files(settings.corpus_dir):
            text = path.read_text(encoding="utf-8")
            title = _TITLE.search(text)
            headings = HeadingMap.of(text)
            base = {"source": path.name, "title": title.group(1).strip() if title else path.stem}
            for chunk in splitter.split_documents([Document(page_content=text, metadata=base)]):
                start = int(chunk.metadata["start_index"])
                sections = headings.spanned(start, start + len(chunk.page_content))
                chunk.metadata["sections"] = "\n".join(sections)
                chunks.append(chunk)
        self.chunk_count = len(chunks)
        self._store.add_documents(chunks)

    def ask(self, message: str, session_id: str | None) -> Observation:
        started = time.perf_counter()
        # cosine distance; similarity = 1 - distance (the relevance helper warns on negative similarities)
        hits = self._store.similarity_search_with_score(message, k=self.top_k) if message.strip() else []
        elapsed = (time.perf_counter() - started) * 1000
        citations = []
        for number, (doc, score) in enumerate(hits, 1):
            sections = str(doc.metadata.get("sections", "")).split("\n")
            citations.append(
                ObservedCitation(
                    id=number,
                    title=str(doc.metadata.get("title", "")),
                    source=str(doc.metadata.get("source", "")),
                    section=sections[0],
                    sections=sections,
                    snippet=doc.page_content,
                    score=1.0 - float(score),
                )
            )
        return Observation(
            answer="\n\n".join(doc.page_content for doc, _ in hits),
            route=None,
            abstained=False,
            citations=citations,
            cited_ids=[citation.id for citation in citations],
            tool_calls=None,
            latency_ms=elapsed,
            wall_ms=elapsed,
        )

    def close(self) -> None:
        # the ephemeral client goes away with the process anyway
        with contextlib.suppress(Exception):
            self._client.delete_collection(self._collection)


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in Path(corpus_dir).iterdir()
        if path.is_file() and path.suffix in (".md", ".txt") and not path.name.lower().startswith("readme")
    )
