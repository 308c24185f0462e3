package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.sessionflow.runtime.availability.WarmUpPhase;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import io.sessionflow.schemas.secrets.Keyring;
import org.junit.jupiter.api.Test;

/** Before readiness only the warm-up's own calls pass, and only while it runs. */
class CreateAdmissionTest {

    private static final SessionKeys.RequestFingerprint FINGERPRINT = new SessionKeys(
                    new Keyring("Id", "k", Map.of("k", new byte[Keyring.MIN_SECRET_BYTES])))
            .fingerprint(null, "body");

    @Test
    @SuppressWarnings("unchecked")
    void whileNotReadyOnlyTheWarmUpsOwnCallsPassAndOnlyWhileItRuns() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        AtomicBoolean warmUpCallPassed = new AtomicBoolean();
        AtomicBoolean realCallPassed = new AtomicBoolean(true);
        Predicate<SessionRequests.RequestIdentity>[] admits = new Predicate[1];
        WarmUpPhase phase = new WarmUpPhase(
                List.of(deadline -> {
                    warmUpCallPassed.set(admits[0].test(call(WarmUpWidgetKeys.key(3))));
                    realCallPassed.set(admits[0].test(call("pk_live_1a2b3c4d5e6f7890abcd1234ef567890")));
                }),
                true,
                Duration.ofSeconds(5),
                Clock.systemUTC());
        admits[0] = CreateAdmission.of(ready::get, phase);

        assertThat(admits[0].test(call(WarmUpWidgetKeys.key(3))))
                .as("before the warm-up")
                .isFalse();
        phase.run();
        assertThat(warmUpCallPassed).as("the warm-up's call during it").isTrue();
        assertThat(realCallPassed).as("a real call during it").isFalse();
        assertThat(admits[0].test(call(WarmUpWidgetKeys.key(3))))
                .as("after the warm-up, not ready")
                .isFalse();
        ready.set(true);
        assertThat(admits[0].test(call("pk_live_1a2b3c4d5e6f7890abcd1234ef567890")))
                .as("ready")
                .isTrue();
        assertThat(admits[0].test(call(WarmUpWidgetKeys.key(3))))
                .as("a warm-up key, ready")
                .isFalse();
    }

    @Test
    void withoutAWarmUpReadinessAloneDecides() {
        assertThat(CreateAdmission.of(() -> false, null).test(call(WarmUpWidgetKeys.key(0))))
                .isFalse();
        assertThat(CreateAdmission.of(() -> true, null).test(call("pk_live_1a2b3c4d5e6f7890abcd1234ef567890")))
                .isTrue();
        assertThat(CreateAdmission.of(() -> true, null).test(call(WarmUpWidgetKeys.key(0))))
                .as("a warm-up key where there is no warm-up (the standalone API)")
                .isFalse();
    }

    private static SessionRequests.RequestIdentity call(String tenant) {
        return new SessionRequests.RequestIdentity(tenant, "s", "s", FINGERPRINT);
    }
}
