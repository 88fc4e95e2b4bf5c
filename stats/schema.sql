-- Statistics extracted from the corpus text (assistant/statistics/extract.py).
-- Every figure row carries its provenance: doc_id (file name), line (1-based line in that file),
-- raw (the figure exactly as written in that line) and section (markdown heading path, '' if none).

CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    title  TEXT NOT NULL,
    kind   TEXT NOT NULL,
    year   INTEGER
);

CREATE TABLE platform_stats (
    year    INTEGER NOT NULL,
    metric  TEXT    NOT NULL,   -- offers_total | median_salary_expectation | proposals
    value   DOUBLE  NOT NULL,
    unit    TEXT    NOT NULL,   -- offers | USD | proposals
    raw     TEXT    NOT NULL,
    doc_id  TEXT    NOT NULL REFERENCES documents (doc_id),
    line    INTEGER NOT NULL,
    section TEXT    NOT NULL
);

CREATE TABLE role_salaries (
    role              TEXT    NOT NULL,
    level             TEXT    NOT NULL,   -- Average | Entry Level | Early Career | Mid-Career | ...
    value_low         DOUBLE  NOT NULL,
    value_high        DOUBLE,             -- NULL for a single figure
    top_company_value DOUBLE,             -- "(up to $X at top companies)"
    period            TEXT    NOT NULL,   -- year
    market            TEXT    NOT NULL,   -- US
    data_year         INTEGER NOT NULL,
    raw               TEXT    NOT NULL,
    doc_id            TEXT    NOT NULL REFERENCES documents (doc_id),
    line              INTEGER NOT NULL,
    section           TEXT    NOT NULL
);

CREATE TABLE experience_levels (
    level     TEXT    NOT NULL,
    years_min INTEGER NOT NULL,
    years_max INTEGER,                    -- NULL for an open-ended "10+ years"
    raw       TEXT    NOT NULL,
    doc_id    TEXT    NOT NULL REFERENCES documents (doc_id),
    line      INTEGER NOT NULL,
    section   TEXT    NOT NULL
);

CREATE TABLE city_salaries (
    city      TEXT    NOT NULL,
    state     TEXT    NOT NULL,
    role      TEXT,                       -- NULL when the city has only a qualitative note
    value     DOUBLE,
    note      TEXT    NOT NULL,
    data_year INTEGER,
    raw       TEXT    NOT NULL,
    doc_id    TEXT    NOT NULL REFERENCES documents (doc_id),
    line      INTEGER NOT NULL,
    section   TEXT    NOT NULL
);

CREATE TABLE company_salaries (
    companies       TEXT    NOT NULL,
    value_low       DOUBLE  NOT NULL,
    value_high      DOUBLE  NOT NULL,
    high_open_ended BOOLEAN NOT NULL,     -- "to over $200,000"
    raw             TEXT    NOT NULL,
    doc_id          TEXT    NOT NULL REFERENCES documents (doc_id),
    line            INTEGER NOT NULL,
    section         TEXT    NOT NULL
);

CREATE TABLE extra_compensation (
    item       TEXT    NOT NULL,
    value      DOUBLE  NOT NULL,
    open_ended BOOLEAN NOT NULL,          -- "$50,000+"
    period     TEXT,
    raw        TEXT    NOT NULL,
    doc_id     TEXT    NOT NULL REFERENCES documents (doc_id),
    line       INTEGER NOT NULL,
    section    TEXT    NOT NULL
);

CREATE TABLE market_figures (
    metric      TEXT    NOT NULL,
    value       DOUBLE  NOT NULL,
    unit        TEXT    NOT NULL,         -- percent | USD
    description TEXT    NOT NULL,         -- the sentence the figure comes from
    raw         TEXT    NOT NULL,
    doc_id      TEXT    NOT NULL REFERENCES documents (doc_id),
    line        INTEGER NOT NULL,
    section     TEXT    NOT NULL
);

CREATE TABLE trending_tools (
    year     INTEGER NOT NULL,
    tool     TEXT    NOT NULL,
    mentions INTEGER NOT NULL,            -- times the name is listed on the page
    raw      TEXT    NOT NULL,
    doc_id   TEXT    NOT NULL REFERENCES documents (doc_id),
    line     INTEGER NOT NULL,            -- first line that lists it
    section  TEXT    NOT NULL
);

CREATE TABLE ranking_claims (
    dimension TEXT    NOT NULL,           -- city | role | level
    subject   TEXT    NOT NULL,           -- what the sentence ranks, spelled as in the figure tables
    direction TEXT    NOT NULL,           -- highest | lowest
    position  INTEGER NOT NULL,           -- 1 = highest/lowest, 2 = second highest/lowest, ...
    within    TEXT,                       -- the comparison group named on the line (a role for a city)
    raw       TEXT    NOT NULL,           -- the claim as written
    doc_id    TEXT    NOT NULL REFERENCES documents (doc_id),
    line      INTEGER NOT NULL,
    section   TEXT    NOT NULL
);

CREATE TABLE document_figures (
    doc_id  TEXT    NOT NULL REFERENCES documents (doc_id),
    line    INTEGER NOT NULL,
    col     INTEGER NOT NULL,             -- 0-based character offset of raw in the line
    raw     TEXT    NOT NULL,
    value   DOUBLE  NOT NULL,
    unit    TEXT    NOT NULL,             -- USD | percent | year | number | offers | years | ...
    context TEXT    NOT NULL,             -- the sentence around the figure
    section TEXT    NOT NULL
);
