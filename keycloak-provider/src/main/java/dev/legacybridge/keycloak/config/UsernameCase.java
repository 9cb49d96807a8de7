package dev.legacybridge.keycloak.config;

/**
 * How usernames typed at login are matched against the legacy column. Keycloak lower-cases usernames everywhere, and
 * users type them in any case, while legacy tables may hold {@code JohnDoe}.
 *
 * <ul>
 *   <li>{@link #INSENSITIVE} (default): {@code lower(username) = lower(input)}. If two legacy rows differ only by case
 *       ({@code JohnDoe} and {@code johndoe}), neither can log in: the provider cannot know which person is meant, so it
 *       refuses both and logs a warning naming the row ids; fix the data (the {@code audit} command lists these).
 *       Give the database an index on {@code lower(username)} for large tables.</li>
 *   <li>{@link #EXACT}: {@code username = input}, using the plain unique index. Only for tables whose usernames are
 *       all lower-case already, since Keycloak hands lower-cased names to providers in several places.</li>
 * </ul>
 */
public enum UsernameCase {
    INSENSITIVE,
    EXACT
}
