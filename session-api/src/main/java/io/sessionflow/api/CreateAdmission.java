package io.sessionflow.api;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.sessionflow.runtime.availability.WarmUpPhase;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;

/**
 * Which create calls {@link SessionRequests} takes: every call while this instance is ready; while it is not,
 * only the warm-up's own calls at start ({@link WarmUpWidgetKeys}), and only while the warm-up runs, so that a
 * real call before readiness still gets the retryable 503 and publishes nothing. A call naming a warm-up key
 * once the warm-up is over is never taken: the processor decides a warm-up key against a built-in widget, so
 * a key anyone can read in the source must not make a session for a caller.
 */
public final class CreateAdmission {

    private CreateAdmission() {}

    /** @param warmUp the JVM's warm-up, or null where there is none */
    public static Predicate<SessionRequests.RequestIdentity> of(BooleanSupplier ready, WarmUpPhase warmUp) {
        return identity -> WarmUpWidgetKeys.isWarmUp(identity.tenant())
                ? warmUp != null && warmUp.inProgress() && !ready.getAsBoolean()
                : ready.getAsBoolean();
    }
}
