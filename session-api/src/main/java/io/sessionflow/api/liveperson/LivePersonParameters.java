package io.sessionflow.api.liveperson;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;

/**
 * The path and query parameters of LivePerson's app-engagement calls: {@code accountId} (the LP site
 * id), {@code visitorId}, {@code v} (the API version) and {@code sid} (the session id). The query
 * string is read here rather than through the servlet's parameters, so that a form body is never
 * taken for parameters and a repeated parameter is refused.
 */
public final class LivePersonParameters {

    public static final String ACCOUNT_ID_REGEX = "^[a-zA-Z0-9_]{1,20}$";
    /** visitorId, sid and pageId: what sessionflow issues, and what fits in a URL path segment as is. */
    public static final String ID_REGEX = "^[A-Za-z0-9_-]{1,64}$";

    static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_REGEX);
    static final Pattern ID = Pattern.compile(ID_REGEX);
    private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,9}(\\.[0-9]{1,9})?$");

    /** Which call the parameters are for. */
    public enum Method {
        /** create (or, with sid, continue) a session: visitorId and sid optional, but sid needs visitorId */
        POST,
        /** update a session: visitorId and sid required */
        PUT
    }

    /** The outcome of {@link #check}. */
    public sealed interface Result permits Valid, Invalid {}

    /** @param visitorId null when absent; @param sid null when absent */
    public record Valid(String accountId, String visitorId, String sid) implements Result {}

    public record Invalid(int internalCode, String message) implements Result {}

    private LivePersonParameters() {}

    /**
     * @param visitorId the decoded path segment, or null when the path has none
     * @param rawQuery  the request's query string as received (still encoded), or null
     */
    public static Result check(Method method, String accountId, String visitorId, String rawQuery) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "accountId must match " + ACCOUNT_ID_REGEX);
        }
        Map<String, List<String>> query;
        try {
            query = parseQuery(rawQuery);
        } catch (IllegalArgumentException badEncoding) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "The query string is not validly URL-encoded");
        }
        List<String> versions = query.getOrDefault("v", List.of());
        if (versions.size() != 1 || !isVersionOne(versions.get(0))) {
            return new Invalid(LivePersonErrorCodes.ILLEGAL_VERSION, "Illegal Version");
        }
        List<String> sids = query.getOrDefault("sid", List.of());
        if (sids.size() > 1) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "sid must be given at most once");
        }
        String sid = sids.isEmpty() || sids.get(0).isEmpty() ? null : sids.get(0);
        if (visitorId != null && !ID.matcher(visitorId).matches()) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "visitorId must match " + ID_REGEX);
        }
        if (sid != null && !ID.matcher(sid).matches()) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "sid must match " + ID_REGEX);
        }
        if (method == Method.PUT && sid == null) {
            return new Invalid(LivePersonErrorCodes.INVALID_PARAMETER, "sid is required to update a session");
        }
        if (sid != null && visitorId == null) {
            return new Invalid(
                    LivePersonErrorCodes.INVALID_PARAMETER, "visitorId is required in the path together with sid");
        }
        return new Valid(accountId, visitorId, sid);
    }

    /** {@code v} is a double whose only supported value is 1.0: "1", "1.0", "1.00" are that value. */
    static boolean isVersionOne(String v) {
        return DECIMAL.matcher(v).matches() && new BigDecimal(v).compareTo(BigDecimal.ONE) == 0;
    }

    /** @throws IllegalArgumentException when a name or value is not validly percent-encoded */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
