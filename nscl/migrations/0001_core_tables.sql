-- Core data model of the programme monitor.
-- No FOREIGN KEY constraints: DuckDB cannot delete or update rows that other rows
-- reference, which undo of an upload needs; references are checked by the importer.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE SEQUENCE upload_id_seq START 1;

CREATE TABLE uploads (
    id            INTEGER PRIMARY KEY DEFAULT nextval('upload_id_seq'),
    dataset       VARCHAR NOT NULL,
    file_name     VARCHAR,
    content_hash  VARCHAR,
    uploaded_by   VARCHAR,
    uploaded_at   TIMESTAMP NOT NULL,
    rows_added    INTEGER NOT NULL DEFAULT 0,
    rows_changed  INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    status        VARCHAR NOT NULL DEFAULT 'committed',
    undone_at     TIMESTAMP,
    note          VARCHAR
);

CREATE TABLE places (
    code           VARCHAR PRIMARY KEY,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    level          VARCHAR NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_code    VARCHAR,
    valid_from     DATE,
    valid_to       DATE,
    successor_code VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE
);

CREATE TABLE sectors (
    code    VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
);

CREATE TABLE standards (
    code    VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    family  VARCHAR NOT NULL
);

CREATE TABLE enterprises (
    tax_code    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    sector_code VARCHAR NOT NULL,
    place_code  VARCHAR NOT NULL,
    size        VARCHAR NOT NULL CHECK (size IN ('micro', 'small', 'medium', 'large')),
    ownership   VARCHAR NOT NULL CHECK (ownership IN ('state', 'non_state', 'fdi')),
    founded_on  DATE,
    employees   INTEGER,
    upload_id   INTEGER
);

CREATE TABLE courses (
    id         VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL CHECK (kind IN ('in_depth', 'expert', 'awareness', 'other')),
    title      VARCHAR NOT NULL,
    topic      VARCHAR,
    organiser  VARCHAR,
    start_date DATE NOT NULL,
    end_date   DATE NOT NULL,
    place_code VARCHAR,
    upload_id  INTEGER
);

CREATE TABLE participants (
    course_id   VARCHAR NOT NULL,
    person_id   VARCHAR NOT NULL,
    person_name VARCHAR NOT NULL,
    tax_code    VARCHAR,
    role        VARCHAR NOT NULL CHECK (role IN ('leader', 'manager', 'staff', 'official', 'other')),
    upload_id   INTEGER,
    PRIMARY KEY (course_id, person_id)
);

CREATE TABLE experts (
    certificate_no VARCHAR PRIMARY KEY,
    person_id      VARCHAR NOT NULL,
    person_name    VARCHAR NOT NULL,
    organisation   VARCHAR,
    certified_on   DATE NOT NULL,
    level          VARCHAR,
    upload_id      INTEGER
);

CREATE TABLE certificates (
    certificate_no VARCHAR NOT NULL,
    body           VARCHAR NOT NULL,
    tax_code       VARCHAR NOT NULL,
    standard       VARCHAR NOT NULL,
    issued_on      DATE NOT NULL,
    expires_on     DATE,
    withdrawn_on   DATE,
    upload_id      INTEGER,
    PRIMARY KEY (body, certificate_no)
);

CREATE TABLE support_records (
    id             VARCHAR PRIMARY KEY,
    tax_code       VARCHAR NOT NULL,
    supported_on   DATE NOT NULL,
    solution_type  VARCHAR NOT NULL CHECK (solution_type IN
        ('standard', 'regulation', 'management_system', 'improvement_tool', 'smart_tool', 'other')),
    detail         VARCHAR,
    funding_vnd    BIGINT,
    funding_source VARCHAR,
    upload_id      INTEGER
);

CREATE TABLE pilot_models (
    id            VARCHAR PRIMARY KEY,
    tax_code      VARCHAR NOT NULL,
    solution      VARCHAR NOT NULL,
    started_on    DATE NOT NULL,
    recognised_on DATE,
    replicated_to INTEGER NOT NULL DEFAULT 0,
    upload_id     INTEGER
);

CREATE TABLE cabs (
    id                     VARCHAR PRIMARY KEY,
    name                   VARCHAR NOT NULL,
    accreditation_standard VARCHAR NOT NULL,
    accredited_on          DATE NOT NULL,
    accreditation_expires_on DATE,
    place_code             VARCHAR,
    upload_id              INTEGER
);
