package dev.legacybridge.store;

import java.util.List;

/**
 * A legacy user's second factors: TOTP devices and the unused static (backup) tokens of their confirmed static
 * devices. {@link #toString()} shows counts only.
 *
 * @param totpDevices  in the table's order
 * @param staticTokens unused backup tokens, in the table's order
 */
public record LegacyMfa(List<LegacyTotpDevice> totpDevices, List<String> staticTokens) {

    public static final LegacyMfa NONE = new LegacyMfa(List.of(), List.of());

    public LegacyMfa {
        totpDevices = List.copyOf(totpDevices);
        staticTokens = List.copyOf(staticTokens);
    }

    public boolean isEmpty() {
        return totpDevices.isEmpty() && staticTokens.isEmpty();
    }

    @Override
    public String toString() {
        return "LegacyMfa[totpDevices=" + totpDevices.size() + ", staticTokens=" + staticTokens.size() + "]";
    }
}
