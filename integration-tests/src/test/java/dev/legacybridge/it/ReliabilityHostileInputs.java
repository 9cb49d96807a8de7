package dev.legacybridge.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile input for the reliability suite: more usernames than {@link SeededUsers#HOSTILE_USERNAMES}, and malformed
 * variants of a valid stored hash of every supported scheme (truncated, bad encoding, zero / negative / overflowing /
 * absurd / just-above-the-cap costs, NUL, trailing junk, oversized), in the spirit of the hashing module's
 * {@code PasswordSchemeContract}, but as rows of a real legacy table.
 */
final class ReliabilityHostileInputs {

    private ReliabilityHostileInputs() {
    }

    /** Usernames beyond SeededUsers.HOSTILE_USERNAMES: more SQL injection, look-alike Unicode, folding, LIKE wildcards. */
    static final List<String> MORE_USERNAMES = List.of(
            "' OR ''='", "' OR 1=1#", "' OR 'a'='a' /*", "admin_legacy' OR '1'='1' --", "') OR ('a'='a", "')) OR 1=1 --",
            "' OR username IS NOT NULL --", "' OR username LIKE '%' --", "johndoe' AND password LIKE '$2b$%' --",
            "'; UPDATE auth_user SET is_superuser = true; --", "' UNION SELECT id, password, username FROM auth_user --",
            "1 OR 1=1", "' AND 1=CAST((SELECT password FROM auth_user LIMIT 1) AS int) --", "'||(SELECT pg_sleep(3))||'",
            "$$ OR 1=1 $$", "E'\\'' OR 1=1 --", "johndoe'::text --", "%' --", "_%", "\\%", "[a-z]*",
            "johndoe' COLLATE \"C\" --", "' OR email ILIKE '%@%' --", "johndoe@example.com' --", "%@example.com",
            "*@example.com", "@", "johndoe@example.com\u0000",
            "\u02bc OR \u02bc1\u02bc=\u02bc1", "\uff07 OR \uff071\uff07=\uff071", "johndoe\u00ad", "joh\u0301ndoe",
            "\ufeffjohndoe", "johndoe\u2028", "\ud800", "\ud835\udc23\ud835\udc28\ud835\udc21\ud835\udc27\ud835\udc1d\ud835\udc28\ud835\udc1e",
            "j\u043ehndoe", "adm\u0131n_legacy", "\u0130", "staff_legacy\u0000admin", "x".repeat(513),
            "\u00e9".repeat(300), "\u0007", "johndoe\n", "\r\n", "u_bcrypt\u0009");

    /** SeededUsers.HOSTILE_USERNAMES and {@link #MORE_USERNAMES}, without duplicates. */
    static List<String> usernames() {
        LinkedHashSet<String> all = new LinkedHashSet<>(SeededUsers.HOSTILE_USERNAMES);
        all.addAll(MORE_USERNAMES);
        return new ArrayList<>(all);
    }

    /** For reports: control characters, non-ASCII and long values made readable. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp > 0x7e) {
                out.append(String.format(cp > 0xffff ? "\\U%08x" : "\\u%04x", cp));
            } else {
                out.append((char) cp);
            }
        });
        if (s.codePointCount(0, s.length()) > 60) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }

    /** A malformed stored value: which scheme it was derived from, the kind of damage, the value. */
    record Malformed(String scheme, String form, String stored, boolean absurdCost, boolean hasNul) {
    }

    /**
     * Cost field of each scheme with a cost: a regex whose group 1 is the part before the number, group 2 the number.
     * SHA-crypt values of the seed have an implicit {@code rounds=5000}, so an explicit one is inserted instead.
     */
    private static final Map<String, Pattern> COST = new LinkedHashMap<>();
    /** Absurd cost (far above any cap) and the cap + 1 of {@code CostLimits.defaults()}, per scheme. */
    private static final Map<String, String[]> ABSURD_AND_CAP_PLUS_ONE = new LinkedHashMap<>();

    static {
        COST.put("django_pbkdf2_sha256", Pattern.compile("^(pbkdf2_sha256\\$)(\\d+)"));
        COST.put("django_pbkdf2_sha1", Pattern.compile("^(pbkdf2_sha1\\$)(\\d+)"));
        COST.put("django_argon2", Pattern.compile("^(argon2\\$argon2id?\\$v=\\d+\\$m=\\d+,t=)(\\d+)"));
        COST.put("django_bcrypt_sha256", Pattern.compile("^(bcrypt_sha256\\$\\$2[aby]\\$)(\\d+)"));
        COST.put("django_bcrypt", Pattern.compile("^(bcrypt\\$\\$2[aby]\\$)(\\d+)"));
        COST.put("django_scrypt", Pattern.compile("^(scrypt\\$)(\\d+)"));
        COST.put("bcrypt", Pattern.compile("^(\\$2[aby]\\$)(\\d+)"));
        COST.put("pbkdf2_sha256", Pattern.compile("^(\\$pbkdf2-sha256\\$)(\\d+)"));
        COST.put("pbkdf2_sha512", Pattern.compile("^(\\$pbkdf2-sha512\\$)(\\d+)"));
        COST.put("bcrypt_sha256", Pattern.compile("^(\\$bcrypt-sha256\\$v=2,t=2b,r=)(\\d+)"));
        COST.put("argon2", Pattern.compile("^(\\$argon2i?d?\\$v=\\d+\\$m=\\d+,t=)(\\d+)"));
        COST.put("werkzeug_pbkdf2", Pattern.compile("^(pbkdf2:sha\\d+:)(\\d+)"));
        COST.put("werkzeug_scrypt", Pattern.compile("^(scrypt:)(\\d+)"));
        String pbkdf2 = "2147483647";
        ABSURD_AND_CAP_PLUS_ONE.put("django_pbkdf2_sha256", new String[] {pbkdf2, "2000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("django_pbkdf2_sha1", new String[] {pbkdf2, "2000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("pbkdf2_sha256", new String[] {pbkdf2, "2000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("pbkdf2_sha512", new String[] {pbkdf2, "2000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("werkzeug_pbkdf2", new String[] {pbkdf2, "2000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("django_argon2", new String[] {"2147483647", "17"});
        ABSURD_AND_CAP_PLUS_ONE.put("argon2", new String[] {"2147483647", "17"});
        ABSURD_AND_CAP_PLUS_ONE.put("django_bcrypt_sha256", new String[] {"31", "15"});
        ABSURD_AND_CAP_PLUS_ONE.put("django_bcrypt", new String[] {"31", "15"});
        ABSURD_AND_CAP_PLUS_ONE.put("bcrypt", new String[] {"31", "15"});
        ABSURD_AND_CAP_PLUS_ONE.put("bcrypt_sha256", new String[] {"31", "15"});
        ABSURD_AND_CAP_PLUS_ONE.put("django_scrypt", new String[] {"1073741824", "262144"});
        ABSURD_AND_CAP_PLUS_ONE.put("werkzeug_scrypt", new String[] {"1073741824", "262144"});
        ABSURD_AND_CAP_PLUS_ONE.put("sha256_crypt", new String[] {"999999999", "1000001"});
        ABSURD_AND_CAP_PLUS_ONE.put("sha512_crypt", new String[] {"999999999", "1000001"});
    }

    /** Every malformed form of {@code valid} (a well-formed stored value of {@code scheme}). */
    static List<Malformed> malformedForms(String scheme, String valid) {
        List<Malformed> out = new ArrayList<>();
        out.add(new Malformed(scheme, "truncated by 10", valid.substring(0, valid.length() - 10), false, false));
        out.add(new Malformed(scheme, "truncated to half", valid.substring(0, valid.length() / 2), false, false));
        out.add(new Malformed(scheme, "bad encoding (last character '!')",
                valid.substring(0, valid.length() - 1) + "!", false, false));
        int mid = valid.length() - 8;
        out.add(new Malformed(scheme, "bad encoding (non-ASCII in the digest)",
                valid.substring(0, mid) + "\u00e9" + valid.substring(mid + 1), false, false));
        out.add(new Malformed(scheme, "trailing junk '$junk'", valid + "$junk", false, false));
        out.add(new Malformed(scheme, "trailing space", valid + " ", false, false));
        out.add(new Malformed(scheme, "NUL inside", valid.substring(0, valid.length() / 2) + "\0"
                + valid.substring(valid.length() / 2), false, true));
        out.add(new Malformed(scheme, "NUL at the end", valid + "\0", false, true));
        out.add(new Malformed(scheme, "oversized (+2000 characters)", valid + "A".repeat(2000), false, false));
        costField(scheme, valid).ifPresent(cost -> {
            out.add(new Malformed(scheme, "cost zero", cost.with("0"), false, false));
            out.add(new Malformed(scheme, "cost negative", cost.with("-1"), false, false));
            out.add(new Malformed(scheme, "cost overflowing (99999999999)", cost.with("99999999999"), false, false));
            out.add(new Malformed(scheme, "cost not a number", cost.with("1e3"), false, false));
            String[] absurd = ABSURD_AND_CAP_PLUS_ONE.get(scheme);
            out.add(new Malformed(scheme, "cost absurd (" + absurd[0] + ")", cost.with(absurd[0]), true, false));
            out.add(new Malformed(scheme, "cost just above the cap (" + absurd[1] + ")", cost.with(absurd[1]), true, false));
            if (scheme.contains("argon2")) {
                out.add(new Malformed(scheme, "memory absurd (m=2147483647)",
                        valid.replaceFirst("m=\\d+", "m=2147483647"), true, false));
            }
        });
        return out;
    }

    /** Replaces the cost number of a value. */
    private record CostField(String before, String after) {
        String with(String cost) {
            return before + cost + after;
        }
    }

    private static Optional<CostField> costField(String scheme, String valid) {
        if (scheme.equals("sha256_crypt") || scheme.equals("sha512_crypt")) {
            String prefix = valid.substring(0, 3);   // $5$ / $6$
            if (valid.startsWith(prefix + "rounds=")) {
                Matcher m = Pattern.compile("^(\\$[56]\\$rounds=)(\\d+)").matcher(valid);
                return m.find() ? Optional.of(new CostField(m.group(1), valid.substring(m.end()))) : Optional.empty();
            }
            return Optional.of(new CostField(prefix + "rounds=", "$" + valid.substring(3)));
        }
        Pattern p = COST.get(scheme);
        if (p == null) {
            return Optional.empty();
        }
        Matcher m = p.matcher(valid);
        return m.find() ? Optional.of(new CostField(m.group(1), valid.substring(m.end()))) : Optional.empty();
    }
}
