-- name: dataset_freshness
-- returns: one row per dataset with records or uploads: dataset, records (rows now held), last_changed (TIMESTAMP, UTC, of the latest upload of that dataset still in effect: an undone upload and the undo itself are ignored, so no page names an undone file as the latest; for data loaded without uploads, such as the demo, the data_through day of meta; NULL when unknown), last_kind (upload), last_by, last_file, last_upload_id
WITH counts AS (
    SELECT dataset, CAST(sum(records) AS BIGINT) AS records
    FROM quality_dataset_months
    GROUP BY dataset
),
latest AS (
    SELECT dataset,
           max(uploaded_at) AS last_at,
           arg_max(kind, (uploaded_at, id)) AS last_kind,
           arg_max(uploaded_by, (uploaded_at, id)) AS last_by,
           arg_max(file_name, (uploaded_at, id)) AS last_file,
           arg_max(id, (uploaded_at, id)) AS last_upload_id
    FROM uploads
    WHERE kind = 'upload' AND status = 'committed'
    GROUP BY dataset
),
loaded AS (
    SELECT max(TRY_CAST(value AS DATE)) AS day FROM meta WHERE key = 'data_through'
)
SELECT
    coalesce(c.dataset, l.dataset) AS dataset,
    coalesce(c.records, 0) AS records,
    coalesce(l.last_at, CAST((SELECT day FROM loaded) AS TIMESTAMP)) AS last_changed,
    l.last_kind,
    l.last_by,
    l.last_file,
    l.last_upload_id
FROM counts AS c
FULL JOIN latest AS l ON l.dataset = c.dataset
ORDER BY dataset
