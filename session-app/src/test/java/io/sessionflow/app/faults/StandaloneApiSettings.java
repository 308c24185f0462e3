package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every standalone API instance of a fault or cluster test starts with, besides its ports and its
 * Kafka connection: the test's keys and tokens ({@link AppUnderTest}'s, so that the test's clients sign and read
 * what the instance does) and its waits, which bound how long a create call may take.
 */
final class StandaloneApiSettings {

    private static final String PEPPER = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

    private StandaloneApiSettings() {}

    static Map<String, Object> of(Duration outcomeWait, Duration publishTimeout) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sessionflow.tokens.keys.fault-key", AppUnderTest.TOKEN_SECRET);
        properties.put("sessionflow.ids.keys.fault-key", AppUnderTest.ID_SECRET);
        properties.put("sessionflow.api-keys.peppers.fault-pepper", PEPPER);
        properties.put("sessionflow.admin.token", AppUnderTest.ADMIN_TOKEN);
        properties.put("sessionflow.introspection.token", AppUnderTest.INTROSPECTION_TOKEN);
        properties.put("sessionflow.api.outcome-wait", outcomeWait.toMillis() + "ms");
        properties.put("sessionflow.api.publish-timeout", publishTimeout.toMillis() + "ms");
        return properties;
    }
}
