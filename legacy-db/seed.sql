-- Seed rows for the Django auth schema (schema-*.sql). Portable: PostgreSQL, MySQL/MariaDB and SQLite (>= 3.23).
-- Generated once; every hash was made by a real reference implementation. The password of each row and the origin of
-- its hash (vector id in password-hashes.json of the shared test vectors, or the tool named) are in the comment above
-- the row and in README.md. Rows marked "tests" exist for the integration tests only.
--
-- No explicit ids: the database assigns them (1, 2, 3, ... on a fresh schema), so PostgreSQL sequences and
-- MySQL/SQLite auto-increment counters stay right. Memberships are inserted by name.
-- Timestamps are UTC wall-clock values, as Django stores them with USE_TZ = True.
-- On MySQL/MariaDB the case pair CaseUser/caseuser needs a case-sensitive collation (see README.md).

INSERT INTO auth_group (name) VALUES ('editors');
INSERT INTO auth_group (name) VALUES ('readers');

-- johndoe / secret | bcrypt | FastAPI OAuth2/JWT tutorial hash; checked with python3-bcrypt 3.2.2 checkpw | demo
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW', '2024-05-02 08:15:00', FALSE, 'johndoe', 'John', 'Doe', 'johndoe@example.com', FALSE, TRUE, '2019-03-14 09:26:53');
-- janedoe / hashsecret | bcrypt | tutorial hash ($2a$ prefix); checked with python3-bcrypt 3.2.2 checkpw | demo
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$2a$12$KplebFTPwFcgGQosJgI4De0PyB2AoRCSxasxHpFoYZPp6uQV/xLzm', NULL, FALSE, 'janedoe', 'Jane', 'Doe', 'janedoe@example.com', FALSE, TRUE, '2019-04-01 10:00:00');
-- alice / secret2 | django_pbkdf2_sha256 | made for this seed by Django 3.2.25 (Debian python3-django) make_password('secret2'); inactive (is_active FALSE) | demo+tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha256$260000$HnGmuE84YBPCgPd5V0lBFz$HtcSb9kPJm2Mf3+Sa5HWWLCrLXjtnC7pee0VdEDM9tQ=', NULL, FALSE, 'alice', 'Alice', 'Wonderson', 'alice@example.com', FALSE, FALSE, '2019-04-02 11:30:00');
-- admin_legacy / hashsecret | django_pbkdf2_sha256 | vector django-pbkdf2-sha256-django42-default-plain2 (Django 4.2.28, 600000 iterations) | demo
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha256$600000$2GP2x2W2fpA3uhLMWwwloJ$+4r7MU08bO1LMtV8297HDFXZ6Tq8KL5UlZsi9RN49j8=', '2024-06-01 07:00:00', TRUE, 'admin_legacy', 'Ada', 'Admin', 'admin_legacy@example.com', TRUE, TRUE, '2018-01-01 00:00:00');
-- staff_legacy / secret | django_pbkdf2_sha256 | vector django-pbkdf2-sha256-default-plain | demo
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=', NULL, FALSE, 'staff_legacy', 'Sam', 'Staff', 'staff_legacy@example.com', TRUE, TRUE, '2018-02-01 00:00:00');
-- u_django_pbkdf2_sha256 / secret | django_pbkdf2_sha256 | vector django-pbkdf2-sha256-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=', NULL, FALSE, 'u_django_pbkdf2_sha256', '', '', 'u_django_pbkdf2_sha256@example.com', FALSE, TRUE, '2020-01-01 12:00:00');
-- u_django_pbkdf2_sha1 / secret | django_pbkdf2_sha1 | vector django-pbkdf2-sha1-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha1$260000$JQx0B4RBcS1QZ4kxT09EHE$PG/MvHj8uqLN8Sz5440s+AVj0Po=', NULL, FALSE, 'u_django_pbkdf2_sha1', '', '', 'u_django_pbkdf2_sha1@example.com', FALSE, TRUE, '2020-01-02 12:00:00');
-- u_django_argon2 / secret | django_argon2 | vector django-argon2-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('argon2$argon2id$v=19$m=102400,t=2,p=8$WTRIQTNlQUtwZk5STnQweVNLVzBHbQ$E/txknYFw4XG5sBkNbwsQw', NULL, FALSE, 'u_django_argon2', '', '', 'u_django_argon2@example.com', FALSE, TRUE, '2020-01-03 12:00:00');
-- u_django_bcrypt_sha256 / secret | django_bcrypt_sha256 | vector django-bcrypt-sha256-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('bcrypt_sha256$$2b$12$gSgRTpQPl/.JKlSk3cL9l.ZF7jo9dFgq.N5JElJc.U5tWPF0wEfIG', NULL, FALSE, 'u_django_bcrypt_sha256', '', '', 'u_django_bcrypt_sha256@example.com', FALSE, TRUE, '2020-01-04 12:00:00');
-- u_django_bcrypt / correct horse battery staple | django_bcrypt | vector django-bcrypt-cost5-words | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('bcrypt$$2b$05$1kGGgovTxJE0oMJkeZCKPOEC5OBajT39gD9qHEvy6j9EepaWdTkYC', NULL, FALSE, 'u_django_bcrypt', '', '', 'u_django_bcrypt@example.com', FALSE, TRUE, '2020-01-05 12:00:00');
-- u_django_scrypt / secret | django_scrypt | vector django-scrypt-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('scrypt$16384$gzcPcLN58wRjY66cIrWujW$8$1$YxG1546tRNJmoLdM1DdpJvQp+kr9/F03wC5uNJNFPL2G4ypxgV9xIPh8xUz3VIfUmGEgFFIi4/MS0lQPnDZOAg==', NULL, FALSE, 'u_django_scrypt', '', '', 'u_django_scrypt@example.com', FALSE, TRUE, '2020-01-06 12:00:00');
-- u_django_md5 / secret | django_md5 | vector django-md5-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('md5$gP3wqPbKJQsIHXU229Y77h$64bdc5512eebb468081c909ffccbbf87', NULL, FALSE, 'u_django_md5', '', '', 'u_django_md5@example.com', FALSE, TRUE, '2020-01-07 12:00:00');
-- u_django_sha1 / hashsecret | django_sha1 | vector django-sha1-plain2 | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('sha1$mpAmERCfdgfWFc77QU5Pph$ebf5b7494bbfebebaee70e32995d0851237001b6', NULL, FALSE, 'u_django_sha1', '', '', 'u_django_sha1@example.com', FALSE, TRUE, '2020-01-08 12:00:00');
-- u_django_unsalted_md5 / secret | django_unsalted_md5 | vector django-unsalted-md5-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('5ebe2294ecd0e0f08eab7690d2a6ee69', NULL, FALSE, 'u_django_unsalted_md5', '', '', 'u_django_unsalted_md5@example.com', FALSE, TRUE, '2020-01-09 12:00:00');
-- u_django_unsalted_sha1 / secret | django_unsalted_sha1 | vector django-unsalted-sha1-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('sha1$$e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4', NULL, FALSE, 'u_django_unsalted_sha1', '', '', 'u_django_unsalted_sha1@example.com', FALSE, TRUE, '2020-01-10 12:00:00');
-- u_bcrypt / secret | bcrypt | vector bcrypt-2b-cost4-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK', NULL, FALSE, 'u_bcrypt', '', '', 'u_bcrypt@example.com', FALSE, TRUE, '2020-01-11 12:00:00');
-- u_pbkdf2_sha256 / secret | pbkdf2_sha256 | vector pbkdf2-sha256-default-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$pbkdf2-sha256$29000$2Dvn/P9/T.kdY6wVIoTwfg$RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw', NULL, FALSE, 'u_pbkdf2_sha256', '', '', 'u_pbkdf2_sha256@example.com', FALSE, TRUE, '2020-01-12 12:00:00');
-- u_bcrypt_sha256 / secret | bcrypt_sha256 | vector bcrypt-sha256-v2-cost5-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$bcrypt-sha256$v=2,t=2b,r=5$d4qAVhMvNQJDKtiTs0lOUe$SvsOY5DM710jNBj23N7KK8P26fDhlRG', NULL, FALSE, 'u_bcrypt_sha256', '', '', 'u_bcrypt_sha256@example.com', FALSE, TRUE, '2020-01-14 12:00:00');
-- u_argon2 / correct horse battery staple | argon2 | vector argon2-argon2i-m4096-t3-p1-words | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$argon2i$v=19$m=4096,t=3,p=1$0mxYytPcTXh+T0R97X9PJg$9H0CLXCR45d+eJ3r4kNtAA', NULL, FALSE, 'u_argon2', '', '', 'u_argon2@example.com', FALSE, TRUE, '2020-01-15 12:00:00');
-- u_sha256_crypt / secret | sha256_crypt | vector sha256-crypt-r5000-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$5$YOkGDS5HzV1nD1nc$MQiVyBiuOErLgW2Lgef6l3xW9urYY7XhlZpVSckyfD9', NULL, FALSE, 'u_sha256_crypt', '', '', 'u_sha256_crypt@example.com', FALSE, TRUE, '2020-01-16 12:00:00');
-- u_sha512_crypt / hashsecret | sha512_crypt | vector sha512-crypt-r5000-plain2 | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$6$hHZOhIeydITS3.26$dHSyealGYw6MGD0p/G.WgG9DeA6GuaWIXUqnuInzstC1QTWqDi1LoD5teappQ9Jy5g1tk3IXukSOHEITSKq4Y.', NULL, FALSE, 'u_sha512_crypt', '', '', 'u_sha512_crypt@example.com', FALSE, TRUE, '2020-01-17 12:00:00');
-- u_ldap_salted_sha1 / secret | ldap_salted_sha1 | vector ldap-salted-sha1-salt4-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('{SSHA}+SFGuwkVYaSua+RvIRsFZzmtHTsPAYDw', NULL, FALSE, 'u_ldap_salted_sha1', '', '', 'u_ldap_salted_sha1@example.com', FALSE, TRUE, '2020-01-18 12:00:00');
-- u_werkzeug_pbkdf2 / hashsecret | werkzeug_pbkdf2 | vector werkzeug-pbkdf2-sha256-2000-plain2 | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2:sha256:2000$o0RPu38SpJx6OSf5$f149aa9a3ab5b8dba7da6f35a8c89b1575315fc1833bc644ded8c33d76e079e5', NULL, FALSE, 'u_werkzeug_pbkdf2', '', '', 'u_werkzeug_pbkdf2@example.com', FALSE, TRUE, '2020-01-19 12:00:00');
-- u_malformed / secret | django_pbkdf2_sha256 (malformed) | vector django-pbkdf2-sha256-malformed-pbkdf2-truncated: hash field cut by 10 chars; never logs in | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('pbkdf2_sha256$1000$KUdldMyXYe4JCGvWfrIkt1$TkQC/mi8qeKTH1KSukZfUdRWHVeaDk0/ca', NULL, FALSE, 'u_malformed', 'Mal', 'Formed', 'u_malformed@example.com', FALSE, TRUE, '2021-01-01 12:00:00');
-- u_unusable / (none) | django_unusable | vector django-unusable-malformed-unusable-1: Django set_unusable_password(); never logs in; empty email | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('!IQgbDudMXsKLN57wVLmqMXj3OhILBVzdbLPVWA15', NULL, FALSE, 'u_unusable', '', '', '', FALSE, TRUE, '2021-01-02 12:00:00');
-- CaseUser / secret | bcrypt | vector bcrypt-2b-cost4-plain | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK', NULL, FALSE, 'CaseUser', 'Case', 'Upper', 'caseuser.upper@example.com', FALSE, TRUE, '2021-02-01 12:00:00');
-- caseuser / hashsecret | sha512_crypt | vector sha512-crypt-r5000-plain2 | tests
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
  VALUES ('$6$hHZOhIeydITS3.26$dHSyealGYw6MGD0p/G.WgG9DeA6GuaWIXUqnuInzstC1QTWqDi1LoD5teappQ9Jy5g1tk3IXukSOHEITSKq4Y.', NULL, FALSE, 'caseuser', 'Case', 'Lower', 'caseuser.lower@example.com', FALSE, TRUE, '2021-02-02 12:00:00');

INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'johndoe' AND g.name = 'editors';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'johndoe' AND g.name = 'readers';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'janedoe' AND g.name = 'readers';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'alice' AND g.name = 'readers';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'admin_legacy' AND g.name = 'editors';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'staff_legacy' AND g.name = 'readers';
INSERT INTO auth_user_groups (user_id, group_id)
  SELECT u.id, g.id FROM auth_user u, auth_group g WHERE u.username = 'caseuser' AND g.name = 'readers';
