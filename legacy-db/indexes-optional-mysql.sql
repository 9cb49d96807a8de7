-- OPTIONAL, not part of Django's schema, MySQL >= 8.0.13 only (functional key parts; MariaDB has none).
-- With the usual case-insensitive collations (utf8mb4_general_ci, utf8mb4_0900_ai_ci) the existing UNIQUE index on
-- username already serves case-insensitive lookups, and none of this is needed. It helps only on a case-sensitive
-- collation (utf8mb4_bin) when the provider compares lower(username) / lower(email).
-- MariaDB: add a virtual column instead, e.g.
--   ALTER TABLE auth_user ADD COLUMN username_lower varchar(150) AS (lower(username)) VIRTUAL, ADD INDEX (username_lower);
CREATE INDEX auth_user_username_lower_idx ON auth_user ((lower(username)));
CREATE INDEX auth_user_email_lower_idx ON auth_user ((lower(email)));
