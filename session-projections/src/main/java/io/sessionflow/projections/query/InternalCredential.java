package io.sessionflow.projections.query;

import io.sessionflow.schemas.secrets.BearerCredential;
import io.sessionflow.schemas.secrets.TokenFile;

/**
 * The bearer credential instances present to each other's internal query endpoint: the same token on
 * every instance ({@code sessionflow.internal.token}, or generated into the data directory for a single
 * instance). {@link RemoteSessionQueries} sends it; the internal port's security checks it in constant time.
 */
public final class InternalCredential {

    private final String authorization;
    private final BearerCredential check;

    private InternalCredential(String token) {
        this.authorization = "Bearer " + token;
        this.check = BearerCredential.of(token);
    }

    public static InternalCredential load(InternalProperties properties) {
        return of(TokenFile.configuredOrGenerated("sessionflow.internal", properties.token(), properties.tokenFile()));
    }

    public static InternalCredential of(String token) {
        return new InternalCredential(token);
    }

    /** The {@code Authorization} header value to send. */
    public String authorization() {
        return authorization;
    }

    /** @param authorization a request's {@code Authorization} header, possibly null */
    public boolean accepts(String authorization) {
        return check.accepts(authorization);
    }

    @Override
    public String toString() {
        return "InternalCredential[redacted]";
    }
}
