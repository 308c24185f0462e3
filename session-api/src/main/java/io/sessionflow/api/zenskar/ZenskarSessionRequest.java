package io.sessionflow.api.zenskar;

/**
 * A Zenskar create-session body after {@link ZenskarSessionRequestParser} accepted it.
 *
 * @param customerId         the customer's UUID in canonical lower-case form, or null for a guest session
 * @param isGuestSession     true for a guest session
 * @param returnUrl          the absolute http(s) URL as received
 * @param idleTimeoutSeconds the idle timeout, the default 3600 when absent or null
 * @param sessionKey         the client's reuse key as received, or null
 */
public record ZenskarSessionRequest(
        String customerId, boolean isGuestSession, String returnUrl, int idleTimeoutSeconds, String sessionKey) {

    /** Leaves out return_url (it may carry personal data in its query) and session_key (a reuse key). */
    @Override
    public String toString() {
        return "ZenskarSessionRequest[customerId=" + customerId
                + ", isGuestSession=" + isGuestSession
                + ", returnUrl=<redacted>"
                + ", idleTimeoutSeconds=" + idleTimeoutSeconds
                + ", sessionKey=" + (sessionKey == null ? "null" : "<redacted>") + "]";
    }
}
