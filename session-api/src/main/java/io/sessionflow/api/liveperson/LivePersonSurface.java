package io.sessionflow.api.liveperson;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** LivePerson's surface ({@code /liveperson}): errors in {@link LivePersonError}'s format. */
public final class LivePersonSurface implements ProviderSurface {

    public static final LivePersonSurface INSTANCE = new LivePersonSurface();

    private LivePersonSurface() {}

    @Override
    public String firstSegment() {
        return "liveperson";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        return LivePersonError.response(
                status.value(),
                switch (status) {
                    case NOT_FOUND -> LivePersonErrorCodes.RESOURCE_NOT_FOUND;
                    case METHOD_NOT_ALLOWED -> LivePersonErrorCodes.METHOD_NOT_ALLOWED;
                    case TOO_MANY_REQUESTS -> LivePersonErrorCodes.TOO_MANY_REQUESTS;
                    case SERVICE_UNAVAILABLE -> LivePersonErrorCodes.TEMPORARILY_UNAVAILABLE;
                    default ->
                        status.is5xxServerError()
                                ? LivePersonErrorCodes.INTERNAL_ERROR
                                : LivePersonErrorCodes.MALFORMED_BODY;
                },
                message);
    }

    @Override
    public CreateAnswers createAnswers() {
        return LivePersonCreateAnswers.INSTANCE;
    }
}
