package io.sessionflow.runtime.availability;

import java.time.Instant;

/**
 * Synthetic work through a component's real request path, run once its Streams apps run and before
 * the instance reports ready ({@link WarmUpPhase}): it compiles the hot code, makes the first
 * transactions and opens the stores, so that the first real requests do not pay for them. It must
 * never look like real traffic where real traffic is counted (say how in its class comment).
 */
public interface WarmUp {

    /** Runs until done or {@code deadline}, whichever comes first; never fails start-up (logs instead). */
    void warmUp(Instant deadline) throws InterruptedException;
}
