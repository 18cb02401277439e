-- Login attempts name where they came from (the client's address, else its browser session), so
-- failures are throttled per source as well as per user name, and carry an id, so an attempt
-- recorded before its password check can be marked as succeeded afterwards.

ALTER TABLE login_attempts ADD COLUMN source VARCHAR DEFAULT '';
ALTER TABLE login_attempts ADD COLUMN attempt_id VARCHAR;
