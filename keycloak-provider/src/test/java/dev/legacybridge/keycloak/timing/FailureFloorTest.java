package dev.legacybridge.keycloak.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.PasswordEncoders;
import org.junit.jupiter.api.Test;

class FailureFloorTest {

    private final FailureFloor floor = new FailureFloor(new LegacyPasswordVerifier(HashPolicy.defaults()));
    private final String cheap = PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(1_000), "x");
    private final String costly = PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(200_000), "y");

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
        floor.record("not a hash", 5_000_000_000L);
        floor.record("md5$salt$0123456789abcdef0123456789abcdef", 5_000_000_000L); // weak: not allowed
        floor.record("!unusable", 5_000_000_000L);

        assertThat(floor.floorNanos()).isZero();
        assertThat(floor.costliest()).isNull();
    }

    @Test
    void verifyDecoyWhenCalledThenMeasuresTheRealVerification() {
        floor.verifyDecoy(costly);

        assertThat(floor.floorNanos()).isGreaterThan(floorAfter(cheap));
        assertThat(floor.costliest()).isEqualTo(costly);
    }

    private long floorAfter(String stored) {
        FailureFloor other = new FailureFloor(new LegacyPasswordVerifier(HashPolicy.defaults()));
        other.verifyDecoy(stored);
        return other.floorNanos();
    }
}
