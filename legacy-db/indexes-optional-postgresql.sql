-- OPTIONAL, not part of Django's schema: indexes for case-insensitive lookups by the Keycloak provider
-- (usernameCase=insensitive and loginWithEmail compare lower(username) / lower(email)). Apply them to a large legacy
-- table after reading the query plan; Django itself never queries this way. text_pattern_ops serves prefix searches
-- (lower(username) LIKE 'ali%') under any collation.
CREATE INDEX auth_user_username_lower_idx ON auth_user (lower(username));
CREATE INDEX auth_user_email_lower_idx ON auth_user (lower(email));
CREATE INDEX auth_user_username_lower_like_idx ON auth_user (lower(username) text_pattern_ops);
CREATE INDEX auth_user_email_lower_like_idx ON auth_user (lower(email) text_pattern_ops);
-- The admin console's search matches a term as a prefix of username, email, first or last name (OR of the four).
-- PostgreSQL can combine indexes for an OR only when every branch has one; without these two, a term that matches few
-- rows scans the whole table (about 0.9 s on 1,000,000 rows, docs/benchmarks.md).
CREATE INDEX auth_user_first_name_lower_like_idx ON auth_user (lower(first_name) text_pattern_ops);
CREATE INDEX auth_user_last_name_lower_like_idx ON auth_user (lower(last_name) text_pattern_ops);
