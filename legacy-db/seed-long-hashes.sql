-- Users whose hashes are longer than Django's auth_user.password varchar(128): passlib's $pbkdf2-sha512$ (130 chars)
-- and Werkzeug's scrypt (162 chars). Such hashes come from other applications (Flask, passlib users) and never fit a
-- Django table. SQLite does not enforce varchar lengths, so the SQLite fixtures and the local stack load this file
-- after seed.sql. On PostgreSQL/MySQL widen the column first, e.g.
--   ALTER TABLE auth_user ALTER COLUMN password TYPE varchar(255);      -- PostgreSQL
--   ALTER TABLE auth_user MODIFY password varchar(255) NOT NULL;         -- MySQL/MariaDB

-- u_pbkdf2_sha512 / hashsecret | pbkdf2_sha512 | vector pbkdf2-sha512-default-plain2 | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$pbkdf2-sha512$25000$VWptjXGuNebcO6e09t47Jw$qopZ8fVNT8B6sHyqbZY3Qezda2LQS5VLcOaSZNLZlqVZtnFZp0mLKPu80Y2TRg1UiU6iJqPktlnOIedV11s9PQ', NULL, FALSE, 'u_pbkdf2_sha512', '', '', 'u_pbkdf2_sha512@example.com', FALSE, TRUE, '2020-01-13 12:00:00');
-- u_werkzeug_scrypt / secret | werkzeug_scrypt | vector werkzeug-scrypt-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('scrypt:32768:8:1$AEivbBMfyYud6gLi$662a672758092a8fd4d619b002c5da2df48f257d7bc8258c4dd89dab5fc605ab7707284307ac4a7f193b150c1245afa06df4e4754d53ac1d3d710e89a5d19add', NULL, FALSE, 'u_werkzeug_scrypt', '', '', 'u_werkzeug_scrypt@example.com', FALSE, TRUE, '2020-01-20 12:00:00');
