"""Extractors for the career guide's salary sections: roles by level, experience years, cities, companies.

The guide's layout: a "Salary Ranges (US Market, 2024)" heading, then per role a heading line followed by
"Average Base Salary: ..." and "<Level> (n-m years): $..." lines; then "Location-Based Salary Variations",
"Top-Paying Companies" and "Additional Compensation" lists. Market and data year come from the heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.statistics.records import (
    CitySalary,
    CompanySalary,
    ExperienceLevel,
    ExtraCompensation,
    RoleSalary,
)
from assistant.statistics.text import MONEY, BodyLine, ParsedDoc, parse_amount

AVERAGE_LEVEL = "Average"
_SALARY_SECTION = re.compile(r"^Salary Ranges \((?P<market>[^,()]+?) Market, (?P<year>\d{4})\)$", re.I)
_AVERAGE = re.compile(r"^Average Base Salary:\s*(?P<figure>\$.*)$", re.I)
_LEVEL = re.compile(r"^(?P<level>[A-Z][A-Za-z]*(?:[ -][A-Za-z]+)*?)(?:\s*\((?P<years>[^)]*)\))?:\s*(?P<figure>\$.*)$")
_FIGURE = re.compile(
    rf"^(?P<low>{MONEY})(?:\s*[-–]\s*(?P<high>{MONEY}))?(?P<per>/(?:year|yr|month|mo)\b)?"
    rf"(?P<top>\s*\(up to (?P<top_value>{MONEY}) at top companies\))?",
    re.I,
)
_YEARS = re.compile(r"^(?P<min>\d+)\s*(?:[-–]\s*(?P<max>\d+)|(?P<plus>\+))\s*years?$", re.I)
_LOCATION_SECTION = re.compile(r"^Location-Based Salar(?:y|ies)\b", re.I)
_CITY = re.compile(r"^(?P<city>[A-Z][A-Za-z.' -]+?),\s*(?P<state>[A-Z]{2}):\s*(?P<rest>.+)$")
_CITY_EXAMPLE = re.compile(rf"^(?P<note>.*?)\s*\((?:e\.g\.,?\s*)?(?P<role>[^:()]+?):\s*(?P<value>{MONEY})\)\s*$", re.I)
_COMPANIES = re.compile(
    rf"\((?P<companies>[^)]+)\)\s+offers?\s+salar(?:y|ies)\s+rang(?:ing|e)\s+from\s+"
    rf"(?P<low>{MONEY})\s+to\s+(?P<over>over\s+)?(?P<high>{MONEY})",
    re.I,
)
_EXTRA = re.compile(
    rf"^(?P<item>[^:$]+?)\s+can add\s+(?P<value>{MONEY})(?P<plus>\+)?"
    r"(?:\s+(?P<period>annually|per year|a year|monthly|per month))?",
    re.I,
)


@dataclass(frozen=True)
class GuideSalaries:
    """Rows of one document's salary-range section."""

    roles: list[RoleSalary]
    levels: list[ExperienceLevel]


def extract_role_salaries(doc: ParsedDoc) -> GuideSalaries:
    """Role x level salary figures under every "Salary Ranges (<market> Market, <year>)" heading."""
    roles: list[RoleSalary] = []
    levels: dict[str, ExperienceLevel] = {}
    for start, heading in enumerate(doc.body):
        section = _SALARY_SECTION.match(heading.text)
        if not section:
            continue
        market, data_year = section.group("market").strip(), int(section.group("year"))
        role: str | None = None
        previous = ""
        for line in _section_lines(doc, start):
            average = _AVERAGE.match(line.text)
            level_line = _LEVEL.match(line.text)
            if average and previous and ":" not in previous and "$" not in previous:
                role = previous
                row = _role_row(role, AVERAGE_LEVEL, average, market, data_year, doc, line)
                roles.extend([row] if row else [])
            elif level_line and role:
                row = _role_row(role, level_line.group("level"), level_line, market, data_year, doc, line)
                roles.extend([row] if row else [])
                years = _experience_years(level_line, doc, line)
                if years and years.level.casefold() not in levels:
                    levels[years.level.casefold()] = years
            elif line.text and not line.text.rstrip(":").casefold().startswith("experience-based"):
                role = None
            previous = line.text or previous
    return GuideSalaries(roles, list(levels.values()))


def _section_lines(doc: ParsedDoc, start: int) -> list[BodyLine]:
    """Lines after a section heading up to the next markdown heading of the same or higher level."""
    level = doc.body[start].heading_level
    lines: list[BodyLine] = []
    for line in doc.body[start + 1 :]:
        if level is not None and line.heading_level is not None and line.heading_level <= level:
            break
        lines.append(line)
    return lines


def _role_row(
    role: str, level: str, match: re.Match[str], market: str, data_year: int, doc: ParsedDoc, line: BodyLine
) -> RoleSalary | None:
    figure_text = match.group("figure")
    figure = _FIGURE.match(figure_text)
    if not figure:
        return None
    end = figure.end("top") if figure.group("top") else figure.end("high") if figure.group("high") else None
    raw = figure_text[: end or figure.end("low")].strip()
    period = "month" if (figure.group("per") or "").lower().startswith("/mo") else "year"
    high = figure.group("high")
    top = figure.group("top_value")
    return RoleSalary(
        role,
        level,
        parse_amount(figure.group("low")),
        parse_amount(high) if high else None,
        parse_amount(top) if top else None,
        period,
        market,
        data_year,
        raw,
        doc.doc_id,
        line.number,
        line.section,
    )


def _experience_years(match: re.Match[str], doc: ParsedDoc, line: BodyLine) -> ExperienceLevel | None:
    raw = (match.group("years") or "").strip()
    years = _YEARS.match(raw)
    if not years:
        return None
    years_max = None if years.group("plus") else int(years.group("max"))
    return ExperienceLevel(
        match.group("level"), int(years.group("min")), years_max, raw, doc.doc_id, line.number, line.section
    )


def extract_city_salaries(doc: ParsedDoc, known_roles: list[str]) -> list[CitySalary]:
    """City lines under "Location-Based Salary Variations": a note and, where given, a role's figure."""
    cities: list[CitySalary] = []
    data_year: int | None = None
    for start, heading in enumerate(doc.body):
        section = _SALARY_SECTION.match(heading.text)
        if section:
            data_year = int(section.group("year"))
        if not _LOCATION_SECTION.match(heading.text):
            continue
        for line in doc.body[start + 1 :]:
            city = _CITY.match(line.text)
            if not line.text:
                continue
            if not city:
                break
            cities.append(_city_row(city, data_year, known_roles, doc, line))
    return cities


def _city_row(
    city: re.Match[str], data_year: int | None, known_roles: list[str], doc: ParsedDoc, line: BodyLine
) -> CitySalary:
    rest = city.group("rest").strip()
    example = _CITY_EXAMPLE.match(rest)
    name, state = city.group("city").strip(), city.group("state")
    if not example:
        return CitySalary(name, state, None, None, rest, data_year, rest, doc.doc_id, line.number, line.section)
    role = canonical_role(example.group("role").strip(), known_roles)
    raw = example.group("value")
    return CitySalary(
        name,
        state,
        role,
        parse_amount(raw),
        example.group("note").strip(),
        data_year,
        raw,
        doc.doc_id,
        line.number,
        line.section,
    )


def canonical_role(name: str, known_roles: list[str]) -> str:
    """A role name as the guide's headings spell it; "ML Engineer" -> "Machine Learning Engineer".

    Abbreviations are derived from the known roles (initials of the leading words), never listed by hand.
    """
    wanted = name.casefold()
    for role in known_roles:
        if role.casefold() == wanted or wanted in {form.casefold() for form in abbreviations(role)}:
            return role
    return name


def abbreviations(role: str) -> list[str]:
    words = role.split()
    return [
        " ".join(["".join(word[0].upper() for word in words[:size]), *words[size:]]) for size in range(2, len(words))
    ]


def extract_company_salaries(doc: ParsedDoc) -> list[CompanySalary]:
    """Lines like "(Google, Apple, Meta) offer salaries ranging from $X to over $Y"."""
    rows: list[CompanySalary] = []
    for line in doc.body:
        match = _COMPANIES.search(line.text)
        if match:
            rows.append(
                CompanySalary(
                    match.group("companies").strip(),
                    parse_amount(match.group("low")),
                    parse_amount(match.group("high")),
                    bool(match.group("over")),
                    line.text[match.start("low") : match.end("high")],
                    doc.doc_id,
                    line.number,
                    line.section,
                )
            )
    return rows


def extract_extra_compensation(doc: ParsedDoc) -> list[ExtraCompensation]:
    """Lines like "<items> can add $X+ annually"."""
    rows: list[ExtraCompensation] = []
    for line in doc.body:
        match = _EXTRA.match(line.text)
        if match:
            raw = match.group("value") + (match.group("plus") or "")
            rows.append(
                ExtraCompensation(
                    match.group("item").strip(),
                    parse_amount(raw),
                    bool(match.group("plus")),
                    (match.group("period") or "").lower() or None,
                    raw,
                    doc.doc_id,
                    line.number,
                    line.section,
                )
            )
    return rows
