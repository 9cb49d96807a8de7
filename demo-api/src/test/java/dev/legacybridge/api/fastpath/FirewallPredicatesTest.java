package dev.legacybridge.api.fastpath;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FirewallPredicates} against what they replace: the regexes of Spring Security 7.0.6's
 * {@code StrictHttpFirewall} (copied), for every Unicode code point, and the default firewall itself against the
 * API's ({@link FastPathConfiguration#httpFirewall()}), through requests, for every {@code char} and surrogate cases.
 */
class FirewallPredicatesTest {

    /** {@code StrictHttpFirewall.ASSIGNED_AND_NOT_ISO_CONTROL_PATTERN} (header and parameter names). */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    /** {@code StrictHttpFirewall.HEADER_VALUE_PATTERN}. */
    private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private final HttpFirewall defaultFirewall = new StrictHttpFirewall();
    private final HttpFirewall apiFirewall = new FastPathConfiguration().httpFirewall();

    @Test
    void predicatesWhenEveryCodePointThenSameAsTheRegexes() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String inside = "a" + alone + "b";
            for (String value : List.of(alone, inside)) {
                assertThat(FirewallPredicates.assignedAndNotControl(value)).as("name U+%04X", codePoint)
                        .isEqualTo(NAMES.matcher(value).matches());
                assertThat(FirewallPredicates.headerValue(value)).as("value U+%04X", codePoint)
                        .isEqualTo(HEADER_VALUES.matcher(value).matches());
            }
        }
    }

    @Test
    void predicatesWhenSurrogatesPairedOrNotThenSameAsTheRegexes() {
        List<String> values = new ArrayList<>(List.of("", "\t", "a\tb", "\uD83D\uDE00", "x\uD83D", "\uDE00x",
                "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", "\uD800", "\uDFFF",
                "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "caf\u00e9 \u2028 \u0085 \u007f \u00a0"));
        for (String value : values) {
            assertThat(FirewallPredicates.assignedAndNotControl(value)).as(value)
                    .isEqualTo(NAMES.matcher(value).matches());
            assertThat(FirewallPredicates.headerValue(value)).as(value)
                    .isEqualTo(HEADER_VALUES.matcher(value).matches());
        }
    }

    @Test
    void apiFirewallWhenEveryCharInHeaderNameValueOrParameterNameThenSameOutcomeAsDefault() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            assertSameOutcome("header value U+%04X".formatted(c), request -> {
                request.addHeader("X-Test", text);
                return firewalled -> firewalled.getHeader("X-Test");
            });
            assertSameOutcome("header name U+%04X".formatted(c), request -> {
                request.addHeader(text, "v");
                return firewalled -> firewalled.getHeader(text);
            });
            assertSameOutcome("parameter name U+%04X".formatted(c), request -> {
                request.addParameter(text, "v");
                return firewalled -> firewalled.getParameter(text);
            });
        }
    }

    /** Puts the text into the request; returns how to read it back through the firewalled request. */
    private interface Setup {
        Consumer<HttpServletRequest> prepare(MockHttpServletRequest request);
    }

    private void assertSameOutcome(String what, Setup setup) {
        assertThat(rejected(this.apiFirewall, setup)).as(what).isEqualTo(rejected(this.defaultFirewall, setup));
    }

    private static boolean rejected(HttpFirewall firewall, Setup setup) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/users/me");
        Consumer<HttpServletRequest> read = setup.prepare(request);
        try {
            read.accept(firewall.getFirewalledRequest(request));
            return false;
        }
        catch (RequestRejectedException ex) {
            return true;
        }
    }
}
