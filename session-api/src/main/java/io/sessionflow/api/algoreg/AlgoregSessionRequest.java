package io.sessionflow.api.algoreg;

/**
 * An Algoreg generate-session body after {@link AlgoregSessionRequestParser} accepted it.
 *
 * @param scenarioCode as sent
 * @param language     the BCP-47 tag as sent
 * @param externalId   the customer reference as text (a JSON integer as its decimal digits), or null for an
 *                     orphan session
 * @param inputData    the customer data, or null when none was sent (absent, null, or every field null)
 */
public record AlgoregSessionRequest(String scenarioCode, String language, String externalId, InputData inputData) {

    /** Leaves out the customer reference: it is personal data and must not reach logs. */
    @Override
    public String toString() {
        return "AlgoregSessionRequest[scenarioCode=" + scenarioCode + ", language=" + language
                + ", externalId=" + (externalId == null ? "null" : "<redacted>")
                + ", inputData=" + inputData + "]";
    }

    /** input_data: every field as sent, or null when not sent. */
    public record InputData(
            String firstname,
            String lastname,
            String phone,
            String birthdate,
            String address,
            String zip,
            String country,
            String city) {

        /** Only says which fields are present: their values are personal data. */
        @Override
        public String toString() {
            return "InputData[" + present("firstname", firstname) + present("lastname", lastname)
                    + present("phone", phone) + present("birthdate", birthdate) + present("address", address)
                    + present("zip", zip) + present("country", country) + present("city", city) + "]";
        }

        private static String present(String name, String value) {
            return value == null ? "" : name + "=<redacted> ";
        }
    }
}
