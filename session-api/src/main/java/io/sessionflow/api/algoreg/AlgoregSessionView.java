package io.sessionflow.api.algoreg;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code GET /api/v1/session/{session_id}}: the session and its state. Dates are unix
 * seconds, like the generate answer's {@code start_date}.
 *
 * @param state {@value #OPENED} from its start, {@value #EXPIRED} from its expiry date on
 */
public record AlgoregSessionView(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("customer_reference") String customerReference,
        @JsonProperty("scenario_code") String scenarioCode,
        @JsonProperty("language") String language,
        @JsonProperty("state") String state,
        @JsonProperty("start_date") long startDate,
        @JsonProperty("expiry_date") long expiryDate) {

    public static final String OPENED = "opened";
    public static final String EXPIRED = "expired";

    /** Leaves out the customer reference: personal data. */
    @Override
    public String toString() {
        return "AlgoregSessionView[sessionId=" + sessionId + ", customerReference="
                + (customerReference == null ? "null" : "<redacted>") + ", scenarioCode=" + scenarioCode
                + ", language=" + language + ", state=" + state + ", startDate=" + startDate
                + ", expiryDate=" + expiryDate + "]";
    }
}
