"""Extraction from text: loading, markdown vs raw text, catch-all figures, no figure outside the text."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from assistant.statistics.extract import extract_all, load_source_docs, source_doc
from assistant.statistics.salary_guide import canonical_role
from assistant.statistics.text import front_matter_end

_MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-•]\s+)")


def plain_text(lines: list[str]) -> str:
    """The page as a raw text file: no front matter, no heading or list markers."""
    return "\n".join(_MARKERS.sub("", line) for line in lines[front_matter_end(lines) :]) + "\n"


def without_location(rows: list[object]) -> list[dict[str, object]]:
    """Row contents that do not depend on the file's layout (name, line numbers, markdown sections)."""
    drop = {"doc_id", "line", "section", "col"}
    return [{k: v for k, v in asdict(row).items() if k not in drop} for row in rows]


def test_loads_every_corpus_file_with_its_front_matter(corpus_dir: Path) -> None:
    docs = {doc.doc_id: doc for doc in load_source_docs(corpus_dir)}
    assert set(docs) == {p.name for p in corpus_dir.iterdir() if p.suffix in {".md", ".txt"}}
    page = docs["ai-ml-developer-salary-2025.md"]
    assert (page.title, page.kind, page.year) == (
        "AI and Machine Learning Developer Salary in 2025",
        "statistics page",
        2025,
    )
    guide = docs["ai-ml-expert-career-guide.md"]
    assert (guide.title, guide.kind, guide.year) == ("AI/ML Expert Career Guide", "career guide", None)
    assert page.lines == (corpus_dir / page.doc_id).read_text(encoding="utf-8").splitlines()
    assert page.lines[0] == "---"


def test_title_falls_back_to_first_heading_then_file_stem(tmp_path: Path) -> None:
    (tmp_path / "with-heading.md").write_text("intro\n# A Page Title\nTotal:\n3\n", encoding="utf-8")
    (tmp_path / "bare-page-2031.txt").write_text("Some text\nwith 12 things\n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_text("not read", encoding="utf-8")
    docs = {doc.doc_id: doc for doc in load_source_docs(tmp_path)}
    assert set(docs) == {"with-heading.md", "bare-page-2031.txt"}
    assert docs["with-heading.md"].title == "A Page Title"
    assert docs["with-heading.md"].kind == "document"
    assert (docs["bare-page-2031.txt"].title, docs["bare-page-2031.txt"].year) == ("bare-page-2031", 2031)


def test_plain_text_pages_extract_the_same_rows_as_markdown(corpus_dir: Path) -> None:
    markdown = load_source_docs(corpus_dir)
    plain = [
        source_doc(doc.doc_id.replace(".md", ".txt"), plain_text(doc.lines), doc.doc_id.removesuffix(".md"))
        for doc in markdown
    ]
    assert not any(line.startswith(("#", "- ", "---")) for doc in plain for line in doc.lines)
    from_markdown, from_text = extract_all(markdown), extract_all(plain)
    for table in from_markdown.tables():
        if table in {"documents", "document_figures"}:
            continue
        assert without_location(getattr(from_text, table)) == without_location(getattr(from_markdown, table)), table
        assert getattr(from_markdown, table), f"{table} is empty"
    # Raw text pages have no front matter: the year comes from the page's title line.
    years = sorted({row.year for row in from_text.platform_stats})
    assert years == [2024, 2025]
    for doc in plain:
        for row in [*from_text.platform_stats, *from_text.role_salaries, *from_text.trending_tools]:
            if row.doc_id == doc.doc_id:
                assert row.raw in doc.lines[row.line - 1]


def test_every_number_in_a_document_is_a_document_figure(corpus_dir: Path) -> None:
    docs = load_source_docs(corpus_dir)
    figures = extract_all(docs).document_figures
    covered = {(f.doc_id, f.line, f.col + i) for f in figures for i in range(len(f.raw))}
    for doc in docs:
        start = front_matter_end(doc.lines)
        for index, line in enumerate(doc.lines):
            for digit in re.finditer(r"\d", line):
                key = (doc.doc_id, index + 1, digit.start())
                assert (key in covered) == (index >= start), (doc.doc_id, index + 1, line)


def test_document_figures_read_units_and_scales(corpus_dir: Path) -> None:
    figures = extract_all(load_source_docs(corpus_dir)).document_figures
    page = [f for f in figures if f.doc_id == "ai-ml-developer-salary-2024.md"]
    by_raw = {f.raw: f for f in page}
    assert (by_raw["175 billion"].value, by_raw["175 billion"].unit) == (175e9, "number")
    assert (by_raw["$4,500"].value, by_raw["$4,500"].unit) == (4500, "USD")
    assert (by_raw["10 offers"].value, by_raw["10 offers"].unit) == (10, "offers")
    assert (by_raw["5k+"].value, by_raw["$5,500"].value) == (5000, 5500)
    assert by_raw["2024"].unit == "year" and by_raw["2024"].line == 7
    guide = {f.raw: f for f in figures if f.doc_id == "ai-ml-expert-career-guide.md"}
    assert (guide["8.5%"].value, guide["8.5%"].unit) == (8.5, "percent")
    assert guide["8.5%"].context.startswith("Rising Demand: Job postings")


def test_role_abbreviations_are_derived_from_the_known_roles() -> None:
    roles = ["AI Engineer", "Machine Learning Engineer", "Data Scientist"]
    assert canonical_role("ML Engineer", roles) == "Machine Learning Engineer"
    assert canonical_role("data scientist", roles) == "Data Scientist"
    assert canonical_role("Quant Analyst", roles) == "Quant Analyst"


def test_a_changed_figure_in_the_text_changes_the_row(corpus_dir: Path) -> None:
    """Nothing is hard-coded: edit the guide's text and the extracted figure follows."""
    guide = next(d for d in load_source_docs(corpus_dir) if d.doc_id == "ai-ml-expert-career-guide.md")
    text = "\n".join(guide.lines).replace("$120,368 - $193,263", "$121,000 - $190,500")
    text = text.replace(
        "Seattle, WA: Competitive tech hub (e.g., ML Engineer: $173,517)",
        "Austin, TX: Rising (e.g., Data Scientist: $150,000)",
    )
    rows = extract_all([source_doc(guide.doc_id, text, "guide")])
    mid = next(r for r in rows.role_salaries if r.role == "Machine Learning Engineer" and r.level == "Mid-Career")
    assert (mid.value_low, mid.value_high, mid.raw) == (121000, 190500, "$121,000 - $190,500")
    austin = next(r for r in rows.city_salaries if r.city == "Austin")
    assert (austin.state, austin.role, austin.value) == ("TX", "Data Scientist", 150000)
    assert "Seattle" not in {r.city for r in rows.city_salaries}
