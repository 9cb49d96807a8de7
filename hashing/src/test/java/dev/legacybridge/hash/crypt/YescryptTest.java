package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * yescrypt parameters that {@code mkpasswd} does not write but libxcrypt reads: p > 1, t > 0, the classic-scrypt
 * flavour '.', an empty salt, and the pre-hash that starts at N/p * r >= 2^17. Each hash was made by libxcrypt 4.4.33
 * ({@code crypt.crypt(password, setting)} in Debian 12's Python 3.11) from a setting written with yescrypt's own
 * parameter encoding; the vector file covers the default flavour at three costs.
 */
class YescryptTest {

    private final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            p=2                  | correct horse battery staple | $y$j75..$LkR1xJ4/kQ8nZVzaP3.Hx/$jcZEa3U5gBiJq.XhoXY5cq.R7e/B7sHbc3jtAzHo8J1
            t=1                  | correct horse battery staple | $y$j75/.$LkR1xJ4/kQ8nZVzaP3.Hx/$yhOBYA1LsJgMnRtn2fBzHIF5Pl.Hl1n9FO4Kx0dx4k5
            t=3                  | p\u00e4ssw\u00f6rd             | $y$j75/0$LkR1xJ4/kQ8nZVzaP3.Hx/$Th5SpiAUB1Z8hZOS/UMTDaP5jmNpnYN0rIpdMI9BxS6
            r=4 p=3 t=2          | \uD83D\uDD11unlock             | $y$j810//$LkR1xJ4/kQ8nZVzaP3.Hx/$6.XVC3wzaqaMNEHYwaPPY1O3WUsU1/EdwS3lsQ2T3K2
            classic scrypt       | correct horse battery staple | $y$.75$LkR1xJ4/kQ8nZVzaP3.Hx/$eaLX78jBNfjWhhqFm2LIJh59dihAFYr1x9M.RUCAo.0
            classic scrypt p=2   | secret                       | $y$.75..$LkR1xJ4/kQ8nZVzaP3.Hx/$LAgrAeHY048SymlJXkE0imWO.1k1URPJF6RYktGRZQA
            empty salt           | secret                       | $y$j75$$2ydGyJY.m3lesWesWhmcrVX27GKM4AqNwOMJADwvhjB
            N=2^14 r=8, pre-hash | secret                       | $y$jB5$LkR1xJ4/kQ8nZVzaP3.Hx/$HNKjmPPRSjzdn/fbiESvpJesPXLwLmfN1DSaRGlXHw4
            """)
    void verifyWhenLibxcryptParametersThenMatchesOnlyItsPassword(String name, String password, String stored) {
        assertThat(verifier.verify(password, stored).outcome()).as(name).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify(password + "x", stored).outcome()).as(name).isEqualTo(Outcome.MISMATCH);
    }
}
