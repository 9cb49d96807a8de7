package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Second factors and changed rows on an embedded PostgreSQL with Django's auth tables and django-otp's real DDL
 * ({@code legacy-db/schema-django-otp-postgresql.sql}).
 */
class LegacyOtpDevicesTest {

    private static final String KEY_1 = "3132333435363738393031323334353637383930"; // RFC 6238's "12345678901234567890"

    private static LegacyUserRepository repository() {
        DataSource ds = TestDatabases.postgres();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS otp_static_statictoken, otp_static_staticdevice, otp_totp_totpdevice");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestDatabases.reset(ds, SqlDialect.POSTGRESQL,
                "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, "
                        + "is_active, date_joined, last_login) VALUES "
                        + "(1, 'x', FALSE, 'otpuser', 'O', 'T', 'o@example.com', FALSE, TRUE, now(), '2026-01-01 10:00:00'), "
                        + "(2, 'x', FALSE, 'plain', 'P', 'L', 'p@example.com', FALSE, TRUE, now(), '2026-03-01 10:00:00'), "
                        + "(3, 'x', FALSE, 'pending', 'P', 'E', 'e@example.com', FALSE, TRUE, now(), NULL)");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl());
            s.execute("INSERT INTO otp_totp_totpdevice (name, confirmed, key, step, t0, digits, tolerance, drift, last_t, "
                    + "user_id, throttling_failure_count) VALUES ('phone', TRUE, '" + KEY_1 + "', 30, 0, 8, 1, 1, -1, 1, 0),"
                    + " ('unconfirmed', FALSE, '00', 30, 0, 6, 1, 0, -1, 3, 0)");
            s.execute("INSERT INTO otp_static_staticdevice (id, name, confirmed, user_id, throttling_failure_count) "
                    + "VALUES (7, 'backup', TRUE, 1, 0), (8, 'old', FALSE, 1, 0)");
            s.execute("INSERT INTO otp_static_statictoken (token, device_id) VALUES ('aaaa1111', 7), ('bbbb2222', 7), "
                    + "('never', 8)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new LegacyUserRepository(ds, LegacySchema.django(), SqlDialect.POSTGRESQL, Duration.ofSeconds(5));
    }

    /** The fixture DDL, with the Django >= 4.1 identity ids PostgreSQL 10+ accepts. */
    private static String ddl() {
        Path file = Path.of("..", "legacy-db", "schema-django-otp-postgresql.sql");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ofUsersWhenDjangoOtpThenConfirmedStaticTokensAndEveryTotpDeviceAsStored() {
        LegacyOtpDevices devices = repository().otpDevices(
                LegacySchemaOptions.resolveOtp(Map.of(LegacySchemaOptions.OTP_SOURCE, List.of("django-otp"))));

        Map<String, LegacyMfa> mfa = devices.ofUsers(List.of("1", "2", "3", "not-a-number"));

        assertThat(mfa.keySet()).containsExactlyInAnyOrder("1", "3");
        LegacyTotpDevice phone = mfa.get("1").totpDevices().get(0);
        assertThat(List.of(phone.name(), phone.key(), phone.digits(), phone.step(), phone.t0(), phone.drift(),
                phone.confirmed())).containsExactly("phone", KEY_1, 8, 30, 0L, 1, true);
        assertThat(mfa.get("1").staticTokens()).containsExactly("aaaa1111", "bbbb2222");
        assertThat(mfa.get("3").totpDevices().get(0).confirmed()).isFalse();
        assertThat(mfa.get("1").toString()).doesNotContain("aaaa1111");
        assertThat(phone.toString()).doesNotContain(KEY_1);
        assertThat(devices.ofUser("2")).isEqualTo(LegacyMfa.NONE);
    }

    @Test
    void ofUsersWhenSecretColumnThenOneDeviceWithTheConfiguredDigitsAndPeriod() {
        LegacyUserRepository repository = repository();
        OtpTables column = LegacySchemaOptions.resolveOtp(Map.of(LegacySchemaOptions.OTP_SOURCE,
                List.of("secret-column"), LegacySchemaOptions.TOTP_SECRET_COLUMN, List.of("first_name"),
                LegacySchemaOptions.TOTP_DIGITS, List.of("8"), LegacySchemaOptions.TOTP_PERIOD, List.of("60")));

        LegacyMfa mfa = repository.otpDevices(column).ofUser("2");

        assertThat(mfa.totpDevices()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("P");
            assertThat(d.digits()).isEqualTo(8);
            assertThat(d.step()).isEqualTo(60);
        });
        assertThat(column.secretEncoding()).isEqualTo("base32");
    }

    @Test
    void resolveOtpWhenOptionsAreWrongThenEveryProblemNamed() {
        assertThat(LegacySchemaOptions.resolveOtp(Map.of())).isEqualTo(OtpTables.NONE);
        assertThatThrownBy(() -> LegacySchemaOptions.resolveOtp(Map.of(LegacySchemaOptions.OTP_SOURCE,
                List.of("secret-column"), LegacySchemaOptions.TOTP_DIGITS, List.of("7"),
                LegacySchemaOptions.TOTP_SECRET_ENCODING, List.of("base64"))))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("TOTP secret column is required")
                .hasMessageContaining("TOTP digits must be 6 or 8")
                .hasMessageContaining("TOTP secret encoding must be one of base32, hex");
        assertThatThrownBy(() -> LegacySchemaOptions.resolveChangedAtColumn(Map.of(
                LegacySchemaOptions.CHANGED_AT_COLUMN, List.of("x; drop"))))
                .hasMessageContaining("Changed-at column must be a plain SQL identifier");
    }

    @Test
    void changedSinceWhenColumnSetThenOnlyRowsAtOrAfterTheTimeInIdOrderPaged() {
        LegacyUserChanges changes = repository().changes("last_login");

        Instant since = Instant.parse("2026-02-01T00:00:00Z");
        assertThat(changes.changedSince(Instant.parse("2025-01-01T00:00:00Z"), null, 1))
                .extracting(LegacyUser::id).containsExactly("1");
        assertThat(changes.changedSince(Instant.parse("2025-01-01T00:00:00Z"), "1", 5))
                .extracting(LegacyUser::id).containsExactly("2");
        assertThat(changes.changedSince(since, null, 5)).extracting(LegacyUser::id).containsExactly("2");
        assertThat(changes.byIds(List.of("3", "1", "99", "x"))).extracting(LegacyUser::id)
                .containsExactlyInAnyOrder("1", "3");
    }
}
