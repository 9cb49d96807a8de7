package dev.legacybridge.keycloak.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Who a legacy user is in Keycloak, in every mode and forever.
 *
 * <p>Every legacy row that Keycloak meets (a login, an admin opening the user, bulk migration) becomes a Keycloak
 * user of its own store whose id is a name-based UUID (RFC 4122 version 5) of the component id and the row's primary
 * key: {@code keycloakId(component, "42")} is the same on every node, after every restart, in READ_ONLY, WRITABLE and
 * MIGRATE, before and after migration. That id is the token's {@code sub}. Migration never creates a second user, it
 * only removes the federation link of the one that exists; bulk migration creates the same id a login would have.
 *
 * <p>The id depends on the component: deleting the component deletes the users still linked to it (Keycloak's rule
 * for federated users), and a new component gives their rows new ids. Migrated users are not linked and survive.
 *
 * <p>Attributes every such user carries: {@link #LEGACY_ID} (the legacy primary key, for applications that key on it;
 * the demo realm maps it to the {@code legacy_id} claim), {@link #LEGACY_USERNAME} (the legacy spelling) and
 * {@link #LEGACY_COMPONENT} (the component the row came from).
 */
public final class LegacyIdentity {

    /** Attribute holding the legacy primary key. */
    public static final String LEGACY_ID = "legacyId";
    /** Attribute holding the legacy username exactly as stored. */
    public static final String LEGACY_USERNAME = "legacyUsername";
    /** Attribute holding the id of the component the user came from. */
    public static final String LEGACY_COMPONENT = "legacyComponent";
    /** Bookkeeping of a linked user: the realm roles the provider granted from legacy flags and groups. */
    static final String SYNCED_ROLES = "legacyBridgeRoles";
    /** Bookkeeping of a linked user: the Keycloak groups the provider joined from legacy groups. */
    static final String SYNCED_GROUPS = "legacyBridgeGroups";

    /** A fixed namespace for Legacy Bridge's version-5 UUIDs. */
    private static final UUID NAMESPACE = UUID.fromString("8f2c7f4e-3b1d-5a6e-9c0b-4d2e1f3a5b7c");

    private LegacyIdentity() {
    }

    /** The Keycloak id (and {@code sub}) of legacy row {@code legacyId} of component {@code componentId}. */
    public static String keycloakId(String componentId, String legacyId) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(toBytes(NAMESPACE));
        sha1.update((componentId + "\n" + legacyId).getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return bytes;
    }
}
