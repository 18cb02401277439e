-- Sign-in attempts moved to their own SQLite file shared by the app and every replica
-- (nscl/attempts.py): a replica serves a read-only snapshot and could not record them here, and
-- the snapshot the writer publishes must carry nothing about sign-ins.

DROP TABLE login_attempts;
