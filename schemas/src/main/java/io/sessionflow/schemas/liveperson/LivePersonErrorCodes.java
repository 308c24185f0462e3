package io.sessionflow.schemas.liveperson;

/**
 * The {@code internalCode} of LivePerson error bodies ({@code {"time", "message", "internalCode"}}),
 * one per kind of error. 33 is LivePerson's own ("Illegal Version"); the others are sessionflow's
 * and documented in {@code docs/providers/liveperson.md}. A {@code SessionRejected} of a LivePerson
 * request carries its code as text.
 */
public final class LivePersonErrorCodes {

    /** 400: {@code v} is missing or not 1.0. */
    public static final int ILLEGAL_VERSION = 33;
    /** 400: no body, not JSON, not an object, a duplicate field, wrong Content-Type or too large. */
    public static final int MALFORMED_BODY = 100;
    /** 400: a body field breaks a rule of the contract. */
    public static final int INVALID_FIELD = 101;
    /** 400: a path or query parameter (accountId, visitorId, sid) is missing or malformed. */
    public static final int INVALID_PARAMETER = 102;
    /** 400: the Idempotency-Key header is blank or too long. */
    public static final int INVALID_IDEMPOTENCY_KEY = 103;
    /** 422: the Idempotency-Key was used before for another request. */
    public static final int IDEMPOTENCY_KEY_REUSED = 104;
    /** 405: the path exists but not for this method. */
    public static final int METHOD_NOT_ALLOWED = 105;
    /** 429: too many calls from the client's address or for the account; retry after {@code Retry-After}. */
    public static final int TOO_MANY_REQUESTS = 106;
    /** 404: no account with this id. */
    public static final int ACCOUNT_NOT_FOUND = 200;
    /** 404: the sid names no live session of the account, or the session is another visitor's. */
    public static final int SESSION_NOT_FOUND = 201;
    /** 404: no such resource below the base path. */
    public static final int RESOURCE_NOT_FOUND = 202;
    /** 503: the request could not be decided in time; retry it (with the same Idempotency-Key). */
    public static final int TEMPORARILY_UNAVAILABLE = 300;
    /** 500: an unexpected failure. */
    public static final int INTERNAL_ERROR = 301;

    private LivePersonErrorCodes() {}
}
