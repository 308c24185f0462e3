package io.sessionflow.api.zenskar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Zenskar's {@code CustomerSessionResponseSchema}. */
@JsonPropertyOrder({"redirect_url", "session_token", "is_guest_session"})
public record ZenskarSessionResponse(
        @JsonProperty("redirect_url") String redirectUrl,
        @JsonProperty("session_token") String sessionToken,
        @JsonProperty("is_guest_session") boolean isGuestSession) {

    /**
     * {@code <portal>/session/<session id>?return_url=<return_url>}, the return URL percent-encoded
     * (RFC 3986: a space is {@code %20}).
     */
    public static String redirectUrl(String portalUrl, String sessionId, String returnUrl) {
        return portalUrl + "/session/" + sessionId + "?return_url="
                + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
