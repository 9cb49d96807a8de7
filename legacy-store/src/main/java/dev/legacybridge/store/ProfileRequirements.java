package dev.legacybridge.store;

/**
 * Which of email, first name and last name a Keycloak user profile requires of a user. A legacy row that leaves a
 * required one empty, or whose schema does not map it at all, becomes a Keycloak user that the profile stops: Keycloak
 * asks for the missing fields ("verify profile"), which the password grant answers with "Account is not fully set up".
 *
 * <p>The one implementation of the audit's "profile incomplete" rule: {@code legacy-hash audit} counts with
 * {@link #KEYCLOAK_DEFAULT} (Keycloak's default user profile requires all three), the provider's migration page with
 * the requirements of the realm's actual user profile.
 *
 * @param email     whether email is required
 * @param firstName whether the first name is required
 * @param lastName  whether the last name is required
 */
public record ProfileRequirements(boolean email, boolean firstName, boolean lastName) {

    /** Keycloak's default user profile: email, first name and last name are required of users. */
    public static final ProfileRequirements KEYCLOAK_DEFAULT = new ProfileRequirements(true, true, true);

    /** Whether the profile would stop {@code row}: a required field is not mapped by {@code schema}, or empty. */
    public boolean stops(LegacySchema schema, LegacyUser row) {
        return email && (schema.emailColumn() == null || row.email() == null)
                || firstName && (schema.firstNameColumn() == null || row.firstName() == null)
                || lastName && (schema.lastNameColumn() == null || row.lastName() == null);
    }

    /** Whether any of the three is required. */
    public boolean any() {
        return email || firstName || lastName;
    }
}
