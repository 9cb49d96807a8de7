package dev.legacybridge.api.fastpath;

/**
 * Spring Security 7.0's {@code StrictHttpFirewall} default checks of header names, header values and parameter names,
 * without the regex. The defaults are {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (names) and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (header values: tab allowed), evaluated per code point. The
 * firewall applies them to every header value the application reads, and a request with a token reads the 1.3 KB
 * {@code Authorization} header twice (Spring Security's DPoP request matcher, then the bearer token resolver), so the
 * regex is a visible share of a request's CPU (measured in docs/benchmarks.md). The same rule as a loop: every code
 * point must have a Unicode general category other than {@code Cn} (unassigned) and {@code Cc} (control), tab
 * excepted for header values.
 * {@code FirewallPredicatesTest} checks every code point against the regexes and the default firewall.
 */
final class FirewallPredicates {

    private FirewallPredicates() {
    }

    /** Header and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean assignedAndNotControl(String value) {
        return check(value, false);
    }

    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    static boolean headerValue(String value) {
        return check(value, true);
    }

    private static boolean check(String value, boolean allowTab) {
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // Printable ASCII: assigned and not a control character.
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(allowTab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
