package dev.legacybridge.keycloak.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.firebase.FirebaseScrypt;
import org.junit.jupiter.api.Test;

class FailureFloorTest {

    // firebase-scrypt-plain of the shared vector file (Firebase's own scrypt utility), password "password".
    private static final String SIGNER_KEY =
            "x9Yc0O6uQdJ2oJmB7r5n8Rk3Tq0mWc1YzL4sAeHfPgVbN2iK6uD8wZtE1yXjR5aQo3LhCv7MdGs9FkU0pIeBnw==";
    private static final String FIREBASE_HASH =
            "8GDUsEE9k1/AIBOKUnvhFBuf317QU2/WvYJzm3bwgKblBDfUgAIlbx+30P8BQ9SZ6GA7xjFfVsU3UG2wnNGAiw==";
    private static final String FIREBASE_SALT = "w5JtaReTgyO7yVbn";

    private final FailureFloor floor = new FailureFloor(new LegacyPasswordVerifier(HashPolicy.defaults()));
    private final StoredPassword cheap = StoredPassword.of(
            PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(1_000), "x"));
    private final StoredPassword costly = StoredPassword.of(
            PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(200_000), "y"));

    @Test
    void floorWhenClassesMeasuredThenTheCostliestClassAndItsValue() {
        floor.record(cheap, 1_000_000);
        floor.record(costly, 90_000_000);

        assertThat(floor.floorNanos()).isEqualTo(90_000_000);
        assertThat(floor.costliest()).isEqualTo(costly);
    }

    @Test
    void recordWhenSameClassAgainThenMovingAverageNotTheLastValue() {
        floor.record(costly, 100_000_000);
        floor.record(costly, 50_000_000);

        assertThat(floor.floorNanos()).isEqualTo(90_000_000); // 100 + (50 - 100) / 5
    }

    @Test
    void recordWhenValueCannotBeVerifiedThenIgnored() {
        floor.record(StoredPassword.of("not a hash"), 5_000_000_000L);
        floor.record(StoredPassword.of("md5$salt$0123456789abcdef0123456789abcdef"), 5_000_000_000L); // weak
        floor.record(StoredPassword.of("!unusable"), 5_000_000_000L);

        assertThat(floor.floorNanos()).isZero();
        assertThat(floor.costliest()).isNull();
    }

    @Test
    void verifyDecoyWhenCalledThenMeasuresTheRealVerification() {
        floor.verifyDecoy(costly);

        assertThat(floor.floorNanos()).isGreaterThan(floorAfter(cheap));
        assertThat(floor.costliest()).isEqualTo(costly);
    }

    @Test
    void verifyDecoyWhenFormatReadsTheSaltColumnThenTheSaltGoesWithTheValue() {
        // Firebase scrypt without its salt is malformed and costs nothing; with it, a real scrypt run.
        FirebaseScrypt firebase = FirebaseScrypt.fromBase64(SIGNER_KEY, "Bw==", 8, 14);
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll(),
                SchemeConfiguration.none().withFormat(firebase));
        StoredPassword row = new StoredPassword(FIREBASE_HASH, FIREBASE_SALT);
        FailureFloor withSalt = new FailureFloor(verifier);

        withSalt.verifyDecoy(row);

        assertThat(withSalt.costliest()).isEqualTo(row);
        assertThat(withSalt.floorNanos()).isGreaterThan(1_000_000);
    }

    private long floorAfter(StoredPassword stored) {
        FailureFloor other = new FailureFloor(new LegacyPasswordVerifier(HashPolicy.defaults()));
        other.verifyDecoy(stored);
        return other.floorNanos();
    }
}
