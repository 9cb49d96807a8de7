package dev.legacybridge.hash.aspnet;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** ASP.NET Identity v2 and v3. */
class AspNetIdentitySchemeTest extends PasswordSchemeContract {

    /** PasswordHasherTest.cs's V3 SHA512, 100,000 iterations, salt 00..0f, 32-byte subkey. */
    private static final String V3 = "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg/Q8A0WMKbtHQJQ2DHCdoEeeFBrgNlldq6vH4qX/CGqGQ==";
    private static final String V2 = "AAABAgMEBQYHCAkKCwwNDg+ukCEMDf0yyQ29NYubggHIVY0sdEUfdyeM+E1LtH1uJg==";
    private static final String V3_SHA1 = "AQAAAAAAAAD6AAAAEAhftMyfTJylOlZT+eEotFXd1elee8ih5WsjXaR3PA9M";

    @Override
    protected PasswordScheme scheme() {
        return new AspNetIdentityScheme();
    }

    @Override
    protected String validHash() {
        return V3_SHA1; // vector aspnet-identity-v3-sha1-250iter-128salt-128subkey
    }

    @Override
    protected String validPassword() {
        return "my password";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(V3_SHA1.substring(8), V3_SHA1.substring(20, 40));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "AQAAAAIAAAAyAAAAEOMwvh3+FZxqkdMBz2ekgGhwQ4A=",
                "AQAAAAIAAAAAAAAAEAABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==",
                "AQAAAAMAACcQAAAAEAABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==",
                "AgAAAAIAACcQAAAAEAABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==",
                "AQAAAAIAACcQAAAADwABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==",
                "AQAAAAIAACcQ");
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("AQAAAAL/////AAAAEAABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==");
    }

    @Override
    protected Optional<String> absurdCost() {
        // v3 SHA-512 with 0x7fffffff iterations
        return Optional.of("AQAAAAJ/////AAAAEAABAgMEBQYHCAkKCwwNDg9B0Oxwty+PGIDSp95gcCfzeDvA4sGapUIUov8usXfD6A==");
    }

    @Test
    void verifyWhenMatchThenUpgradeAsAspNetRehashNeeded() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll()
                .withUpgradeTarget(EncodingTarget.parse("aspnet_identity_v3:100000")));

        assertThat(verifier.verify("my password", V3).upgradeRecommended()).isFalse();
        assertThat(verifier.verify("my password", V2).upgradeRecommended()).as("v2").isTrue();
        assertThat(verifier.verify("my password", V3_SHA1).upgradeRecommended()).as("SHA-1, 250").isTrue();
    }
}
