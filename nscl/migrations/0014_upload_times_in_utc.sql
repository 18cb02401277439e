-- Upload and comment times in UTC. Until now uploads.uploaded_at and undone_at held now() cast to a plain
-- TIMESTAMP, that is the server's local time: the same column read differently on a server set to
-- UTC and one set to Asia/Ho_Chi_Minh. From now on the application writes UTC (nscl/ingest/commit.py)
-- and converts for display (nscl/i18n.py fmt_datetime, Vietnam time). The rows written so far are
-- converted here from the session's time zone, which is the server's local zone they were
-- written in (a no-op on a server set to UTC). Staff comments' times (target_comments.created_at,
-- written by nscl/commentary.py, compared with the uploads' to say a comment predates the data)
-- likewise.
UPDATE uploads SET uploaded_at = timezone('UTC', CAST(uploaded_at AS TIMESTAMPTZ)),
                   undone_at = timezone('UTC', CAST(undone_at AS TIMESTAMPTZ));
UPDATE target_comments SET created_at = timezone('UTC', CAST(created_at AS TIMESTAMPTZ));
