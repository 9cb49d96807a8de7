package dev.legacybridge.store;

/** User fields that map to a legacy column and may be written back in writable mode. */
public enum ProfileField {
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    /** The active flag: Keycloak's "enabled". */
    ACTIVE;

    /** The mapped column, or {@code null} when the schema does not map this field. */
    String column(LegacySchema schema) {
        return switch (this) {
            case EMAIL -> schema.emailColumn();
            case FIRST_NAME -> schema.firstNameColumn();
            case LAST_NAME -> schema.lastNameColumn();
            case ACTIVE -> schema.activeColumn();
        };
    }
}
