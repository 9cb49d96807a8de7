-- OPTIONAL, not part of Django's schema: expression indexes (SQLite >= 3.9) for case-insensitive lookups by the
-- Keycloak provider (lower(username) = ?, lower(email) = ?). Django itself never queries this way.
CREATE INDEX auth_user_username_lower_idx ON auth_user (lower(username));
CREATE INDEX auth_user_email_lower_idx ON auth_user (lower(email));
