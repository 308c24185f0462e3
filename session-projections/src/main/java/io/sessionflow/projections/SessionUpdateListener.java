package io.sessionflow.projections;

/** Told of every answer stored in the outcomes store, on the stream thread: must not block. */
@FunctionalInterface
public interface SessionUpdateListener {

    SessionUpdateListener NONE = (outcomeKey, event) -> {};

    void outcomeStored(String outcomeKey, EncodedSessionEvent event);
}
