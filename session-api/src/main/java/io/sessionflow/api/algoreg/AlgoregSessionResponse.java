package io.sessionflow.api.algoreg;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Algoreg's generate-session answer, exactly as documented: {@code customer_reference} is a string
 * (or null for an orphan session), {@code start_date} unix seconds.
 */
public record AlgoregSessionResponse(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("customer_reference") String customerReference,
        @JsonProperty("start_date") long startDate) {

    /** Leaves out the customer reference: personal data. */
    @Override
    public String toString() {
        return "AlgoregSessionResponse[sessionId=" + sessionId + ", customerReference="
                + (customerReference == null ? "null" : "<redacted>") + ", startDate=" + startDate + "]";
    }
}
