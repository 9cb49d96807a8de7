/**
 * Verification and encoding of legacy password hashes, in plain Java (JDK and BouncyCastle only; no Keycloak, JDBC
 * or Spring types).
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.legacybridge.hash.LegacyPasswordVerifier#verify(String, String)}: a candidate password against a
 *       stored value of any supported format, under a {@link dev.legacybridge.hash.HashPolicy}. Never throws.</li>
 *   <li>{@link dev.legacybridge.hash.LegacyPasswordVerifier#inspect(String)}: classifies a stored value without a
 *       password and without hashing (audit, bulk migration).</li>
 *   <li>{@link dev.legacybridge.hash.PasswordEncoders#encode(dev.legacybridge.hash.EncodingTarget, String)}: new
 *       values the legacy application reads back.</li>
 * </ul>
 *
 * <p>Each stored format is one {@link dev.legacybridge.hash.PasswordScheme} (in the subpackages {@code django},
 * {@code bcrypt}, {@code passlib}, {@code argon2}, {@code crypt}, {@code ldap}, {@code werkzeug}, {@code spring},
 * {@code php}, {@code aspnet}), chosen by the value's prefix; prefixes never overlap, so exactly one scheme or none
 * claims a value. Formats without a prefix whose settings are configuration ({@code firebase}, {@code recipe}) are
 * {@link dev.legacybridge.hash.ConfiguredFormat}s, given to a verifier in a
 * {@link dev.legacybridge.hash.SchemeConfiguration}. A claimed value is parsed
 * completely, its cost compared with the {@link dev.legacybridge.hash.CostLimits}, and only then hashed.
 *
 * <h2>Formats</h2>
 * <table>
 *   <caption>Supported stored formats, by scheme id</caption>
 *   <tr><th>scheme id</th><th>stored form (example prefix)</th><th>written by</th><th>cost / notes</th></tr>
 *   <tr><td>{@code django_pbkdf2_sha256}</td><td>{@code pbkdf2_sha256$<iter>$<salt text>$<b64 32 bytes>}</td>
 *       <td>Django (default hasher)</td><td>iterations; salt hashed as its UTF-8 text</td></tr>
 *   <tr><td>{@code django_pbkdf2_sha1}</td><td>{@code pbkdf2_sha1$<iter>$<salt>$<b64 20 bytes>}</td>
 *       <td>Django</td><td>iterations</td></tr>
 *   <tr><td>{@code django_argon2}</td><td>{@code argon2$argon2id$v=19$m=..,t=..,p=..$<salt>$<tag>}</td>
 *       <td>Django + argon2-cffi</td><td>m, t, p; argon2i/d and a missing {@code v=} also read</td></tr>
 *   <tr><td>{@code django_bcrypt_sha256}</td><td>{@code bcrypt_sha256$$2b$12$...}</td><td>Django</td>
 *       <td>bcrypt of hex(sha256(password)): no 72-byte truncation</td></tr>
 *   <tr><td>{@code django_bcrypt}</td><td>{@code bcrypt$$2b$12$...}</td><td>Django</td>
 *       <td>bcrypt cost; 72-byte truncation</td></tr>
 *   <tr><td>{@code django_scrypt}</td><td>{@code scrypt$<N>$<salt>$<r>$<p>$<b64 64 bytes>}</td><td>Django 4.0+</td>
 *       <td>N*r*p</td></tr>
 *   <tr><td>{@code django_md5} (weak)</td><td>{@code md5$<salt>$<hex>}</td><td>Django (legacy)</td><td>none</td></tr>
 *   <tr><td>{@code django_sha1} (weak)</td><td>{@code sha1$<salt>$<hex>}</td><td>Django (legacy)</td><td>none</td></tr>
 *   <tr><td>{@code django_unsalted_md5} (weak)</td><td>32 hex digits, or {@code md5$$<hex>}</td><td>Django (legacy)</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code django_unsalted_sha1} (weak)</td><td>{@code sha1$$<hex>}</td><td>Django (legacy)</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code django_unusable}</td><td>{@code !} + anything</td><td>Django {@code make_password(None)}</td>
 *       <td>never matches; {@code inspect} says UNUSABLE</td></tr>
 *   <tr><td>{@code bcrypt}</td><td>{@code $2a$}, {@code $2b$}, {@code $2y$} + cost + 53 characters</td>
 *       <td>pyca/bcrypt, PHP, Spring...</td><td>cost 4-31; first 72 UTF-8 bytes only</td></tr>
 *   <tr><td>{@code pbkdf2_sha256}, {@code pbkdf2_sha512}</td><td>{@code $pbkdf2-sha256$<rounds>$<ab64 salt>$<ab64>}
 *       </td><td>passlib</td><td>rounds; salt is ab64-decoded bytes</td></tr>
 *   <tr><td>{@code bcrypt_sha256}</td><td>{@code $bcrypt-sha256$v=2,t=2b,r=12$<salt>$<digest>} and v1
 *       {@code $bcrypt-sha256$2a,12$...}</td><td>passlib</td><td>bcrypt cost</td></tr>
 *   <tr><td>{@code argon2}</td><td>{@code $argon2id$v=19$m=..,t=..,p=..$<salt>$<tag>} (also argon2i/argon2d,
 *       {@code v=16}, no {@code v=})</td><td>argon2-cffi, passlib, libsodium</td><td>m, t, p</td></tr>
 *   <tr><td>{@code sha256_crypt}, {@code sha512_crypt}</td><td>{@code $5$[rounds=N$]<salt>$<digest>},
 *       {@code $6$...}</td><td>glibc crypt(3), passlib</td><td>rounds (5000 if omitted)</td></tr>
 *   <tr><td>{@code ldap_salted_sha1} (weak)</td><td>{@code {SSHA}<b64 of sha1(pw+salt)+salt>}</td>
 *       <td>OpenLDAP, passlib</td><td>none</td></tr>
 *   <tr><td>{@code werkzeug_pbkdf2}</td><td>{@code pbkdf2:<digest>[:<iter>]$<salt text>$<hex>}</td>
 *       <td>Werkzeug (Flask)</td><td>iterations (260000 if omitted, as Werkzeug 2.2.2)</td></tr>
 *   <tr><td>{@code werkzeug_scrypt}</td><td>{@code scrypt:<N>:<r>:<p>$<salt text>$<hex>}</td><td>Werkzeug 3</td>
 *       <td>N*r*p</td></tr>
 *   <tr><td>{@code spring_delegating}</td><td>{@code {bcrypt}}, {@code {pbkdf2}}, {@code {scrypt}}, {@code {argon2}}
 *       (and their {@code @SpringSecurity_v5_8} forms)</td><td>Spring Security 5-7</td><td>as the inner format;
 *       settings not in the value from {@link dev.legacybridge.hash.spring.SpringEncoders}</td></tr>
 *   <tr><td>{@code spring_delegating_weak} (weak)</td><td>{@code {noop}}, {@code {MD5}}, {@code {MD4}},
 *       {@code {SHA-1}}, {@code {SHA-256}}, {@code {sha256}}, {@code {ldap}}</td><td>Spring Security</td>
 *       <td>iterations of {@code {sha256}} and the digests</td></tr>
 *   <tr><td>{@code md5_crypt}, {@code apr_md5_crypt} (weak)</td><td>{@code $1$}, {@code $apr1$}</td>
 *       <td>PHP crypt(), glibc, htpasswd</td><td>none (1000 rounds)</td></tr>
 *   <tr><td>{@code ldap_sha1} (weak)</td><td>{@code {SHA}}</td><td>htpasswd -s, LDAP</td><td>none</td></tr>
 *   <tr><td>{@code phpass}</td><td>{@code $P$}, {@code $H$}</td><td>WordPress to 6.7, phpBB 3</td>
 *       <td>log2 MD5 rounds</td></tr>
 *   <tr><td>{@code wordpress_bcrypt}</td><td>{@code $wp$2y$}</td><td>WordPress 6.8+</td><td>bcrypt cost</td></tr>
 *   <tr><td>{@code drupal7}</td><td>{@code $S$}, {@code U$S$}, {@code U$P$}, {@code U$H$}</td><td>Drupal 7</td>
 *       <td>log2 SHA-512 (or MD5) rounds</td></tr>
 *   <tr><td>{@code aspnet_identity}</td><td>base64 of the v3 ({@code AQAAAA...}) or v2 record</td>
 *       <td>ASP.NET (Core) Identity</td><td>PBKDF2 iterations</td></tr>
 *   <tr><td>{@code yescrypt}</td><td>{@code $y$}</td><td>libxcrypt</td><td>N*r*p*max(1,t)</td></tr>
 *   <tr><td>{@code atlassian_pbkdf2_sha1}</td><td>{@code {PKCS5S2}}</td><td>Atlassian</td><td>10,000 (fixed)</td></tr>
 *   <tr><td>{@code ldap_salted_sha256}, {@code ldap_salted_sha512} (weak)</td><td>{@code {SSHA256}},
 *       {@code {SSHA512}}</td><td>OpenLDAP, 389-ds</td><td>none</td></tr>
 *   <tr><td>{@code ldap_pbkdf2_sha512}</td><td>{@code {PBKDF2-SHA512}}</td><td>OpenLDAP, passlib</td>
 *       <td>rounds</td></tr>
 *   <tr><td>{@code firebase_scrypt}</td><td>configured (no prefix)</td><td>Firebase Auth export</td>
 *       <td>N*r*p</td></tr>
 *   <tr><td>{@code recipe_digest} (weak), {@code recipe_pbkdf2}</td><td>configured (no prefix)</td>
 *       <td>home-grown tables</td><td>iterations</td></tr>
 * </table>
 *
 * <h2>Rules every scheme keeps</h2>
 * <ul>
 *   <li>Passwords are hashed as their UTF-8 bytes with no Unicode normalisation: NFC and NFD spellings are different
 *       passwords. A password of more than 4096 UTF-8 bytes, or with an unpaired surrogate, never matches.</li>
 *   <li>Library quirks are kept, because the legacy application has them: bcrypt uses only the first 72 bytes (a
 *       multi-byte character may be cut), and HMAC-keyed schemes (PBKDF2, scrypt) zero-pad short keys, so
 *       {@code password + "\0"} matches {@code password} while it fits in one hash block.</li>
 *   <li>Encodings are decoded canonically; a value the reference library could never match (bad base64 or hex,
 *       non-canonical padding bits, zero, negative, zero-padded where the library forbids it, or overflowing costs,
 *       NUL or other control characters, trailing data, more than 1024 characters) is
 *       {@link dev.legacybridge.hash.Outcome#MALFORMED}.</li>
 *   <li>Digests are compared in constant time ({@link java.security.MessageDigest#isEqual(byte[], byte[])}).</li>
 *   <li>Nothing secret is ever logged or put in a reason: reasons hold scheme ids, field names and numbers only.</li>
 * </ul>
 */
package dev.legacybridge.hash;
