package io.sessionflow.app.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.registry.SchemaRegistrationRefusedException;
import io.sessionflow.schemas.registry.SchemaRegistryCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The registry enforces BACKWARD compatibility, and the app does not start on a schema it refuses: when the
 * latest version under {@code sessionflow.session-events-value} is one the app's {@code SessionEvent} cannot read
 * (it lacks fields the current schema requires without a default), start-up fails before anything is written,
 * with one message naming the registry, the subject, the schema and the registry's reason.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackwardCompatibilityRegistryTest {

    private static final String SUBJECT = SchemaRegistryCodec.subject(Topics.SESSION_EVENTS.name());
    /** An earlier SessionEvent with none of the fields the current one requires but eventId. */
    private static final String UNREADABLE_EARLIER = """
            {"type":"record","name":"SessionEvent","namespace":"io.sessionflow.schemas.events",
             "fields":[{"name":"eventId","type":"string"},{"name":"legacyCode","type":"int"}]}""";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void forgetTheEarlierVersion() {
        deleteSubject();
    }

    @Test
    void startUpFailsWithAClearMessageWhenTheRegistryRefusesTheCurrentSchema(CapturedOutput output) {
        deleteSubject();
        HttpResponse<String> earlier = send(
                HttpRequest.newBuilder(URI.create(ApicurioRegistry.ccompatUrl() + "/subjects/" + SUBJECT + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(RegistryModeApp.JSON.writeValueAsString(
                                java.util.Map.of("schema", UNREADABLE_EARLIER)))));
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(200);

        Throwable failure = catchThrowable(
                () -> RegistryModeApp.start(ApicurioRegistry.url()).close());

        Throwable refusal = failure;
        while (refusal != null && !(refusal instanceof SchemaRegistrationRefusedException)) {
            refusal = refusal.getCause();
        }
        assertThat(refusal).as("the start-up failure's cause").isNotNull();
        assertThat(refusal.getMessage())
                .contains("The schema registry at " + ApicurioRegistry.url() + " refused")
                .contains("io.sessionflow.schemas.events.SessionEvent under subject " + SUBJECT)
                .contains("not compatible");
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("refused io.sessionflow.schemas.events.SessionEvent under subject " + SUBJECT)
                .contains("Release the schema change compatibly");
        HttpResponse<String> versions = send(
                HttpRequest.newBuilder(URI.create(ApicurioRegistry.ccompatUrl() + "/subjects/" + SUBJECT + "/versions"))
                        .GET());
        assertThat(versions.body()).as("the refused schema was not registered").isEqualTo("[1]");
    }

    /** Deletes the subject for good (soft, then permanently), so that the next registration starts it anew. */
    private static void deleteSubject() {
        String subject = ApicurioRegistry.ccompatUrl() + "/subjects/" + SUBJECT;
        send(HttpRequest.newBuilder(URI.create(subject)).DELETE());
        send(HttpRequest.newBuilder(URI.create(subject + "?permanent=true")).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
