-- Upload history: the previous version of every row an upload changed, so an upload can be
-- undone exactly, and the log of undos and failed logins.

ALTER TABLE uploads ADD COLUMN rows_unchanged INTEGER DEFAULT 0;
ALTER TABLE uploads ADD COLUMN kind VARCHAR DEFAULT 'upload';
ALTER TABLE uploads ADD COLUMN undo_of INTEGER;
ALTER TABLE uploads ADD COLUMN undone_by VARCHAR;
ALTER TABLE uploads ADD COLUMN archive_path VARCHAR;

CREATE TABLE enterprises_history AS SELECT * FROM enterprises LIMIT 0;
CREATE TABLE courses_history AS SELECT * FROM courses LIMIT 0;
CREATE TABLE participants_history AS SELECT * FROM participants LIMIT 0;
CREATE TABLE experts_history AS SELECT * FROM experts LIMIT 0;
CREATE TABLE certificates_history AS SELECT * FROM certificates LIMIT 0;
CREATE TABLE support_records_history AS SELECT * FROM support_records LIMIT 0;
CREATE TABLE pilot_models_history AS SELECT * FROM pilot_models LIMIT 0;
CREATE TABLE cabs_history AS SELECT * FROM cabs LIMIT 0;

ALTER TABLE enterprises_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE courses_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE participants_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE experts_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE certificates_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE support_records_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE pilot_models_history ADD COLUMN replaced_by INTEGER;
ALTER TABLE cabs_history ADD COLUMN replaced_by INTEGER;

CREATE TABLE login_attempts (
    username   VARCHAR NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    succeeded  BOOLEAN NOT NULL
);
