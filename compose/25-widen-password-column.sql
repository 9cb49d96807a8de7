-- docker-compose only: Django's auth_user.password is varchar(128); two seed rows (seed-long-hashes.sql, passlib
-- pbkdf2_sha512 and Werkzeug scrypt) are longer. Same statement as the test fixtures run before loading them
-- (LegacyDbScripts.Dialect.POSTGRESQL#widenPasswordColumn). Runs between 20-seed.sql and 30-seed-long-hashes.sql.
ALTER TABLE auth_user ALTER COLUMN password TYPE varchar(255);
