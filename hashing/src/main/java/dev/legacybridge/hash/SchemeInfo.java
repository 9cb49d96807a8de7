package dev.legacybridge.hash;

/**
 * Describes one supported stored format, for the CLI's {@code schemes} command, the admin console help and docs.
 *
 * @param id          the scheme id, one of {@link SchemeIds}
 * @param prefix      how a stored value of this scheme starts, for example {@code pbkdf2_sha256$} or {@code $2b$}
 *                    (for formats without a prefix, a short description such as {@code 32 hex digits})
 * @param encodable   whether {@link PasswordEncoders} can produce new values in this format
 * @param weak        whether the scheme is fast or unsalted (md5, sha1, {SSHA}) and so only allowed by explicit opt-in
 * @param description one line for humans, naming the application or library that writes the format
 */
public record SchemeInfo(String id, String prefix, boolean encodable, boolean weak, String description) {
}
