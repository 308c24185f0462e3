package io.sessionflow.api.chat;

/**
 * A chat widget's create-session body after {@link ChatSessionRequestParser} accepted it.
 *
 * @param publicKey     the widget key, {@code pk_live_} and 32 lower-case hex digits
 * @param customerId    the caller's stable user identifier as received, or null when absent (or JSON null)
 * @param locale        the BCP-47 tag as received (not normalised), or null when absent (or JSON null)
 * @param variablesJson the {@code variables} object as compact JSON, properties in the order received, or null
 *                      when absent (or JSON null); {@code "{}"} for an empty object
 * @param variableCount the number of keys in {@code variables}; 0 when absent
 */
public record ChatSessionRequest(
        String publicKey, String customerId, String locale, String variablesJson, int variableCount) {

    /** Leaves out customerId and the variables' values: they are personal data and must not reach logs. */
    @Override
    public String toString() {
        return "ChatSessionRequest[publicKey=" + publicKey
                + ", customerId=" + (customerId == null ? "null" : "<redacted>")
                + ", locale=" + locale
                + ", variablesJson=" + (variablesJson == null ? "null" : "<redacted>")
                + ", variableCount=" + variableCount + "]";
    }
}
