package io.sessionflow.app.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.sessionflow.app.hostile.RawHttp.Header;
import org.quicktheories.core.Gen;

/**
 * One endpoint under attack: its valid requests (target, headers, body), hostile variants of each of
 * those, and what it may answer (its documented statuses, its provider's error format, its success
 * format). A generated request keeps most parts valid and attacks one (or, now and then, all), so
 * that validation is reached at every depth, not only the first check that fails.
 */
public record Endpoint(
        String name,
        String method,
        Gen<String> validTargets,
        Gen<String> hostileTargets,
        List<Header> headers,
        List<String> credentials,
        Gen<byte[]> validBodies,
        Gen<byte[]> hostileBodies,
        Set<Integer> statuses,
        int validStatus,
        ProviderFormats.Format errors,
        ProviderFormats.Format success) {

    public static Builder of(String name, String method) {
        return new Builder(name, method);
    }

    public Gen<RawHttp.Request> requests() {
        return requests(false);
    }

    /** Requests with every part valid: {@link #validStatus} is their answer. */
    public Gen<RawHttp.Request> validRequests() {
        return requests(true);
    }

    private Gen<RawHttp.Request> requests(boolean onlyValid) {
        return Draw.gen(d -> {
            int focus = onlyValid ? 0 : d.weighted(1, 4, 2, 2, 1); // valid, body, headers, target, all
            boolean all = focus == 4;
            String target = d.from(focus == 3 || all ? hostileTargets : validTargets);
            List<Header> sent =
                    focus == 2 || all ? HostileHeaders.around(d, headers, credentials) : new ArrayList<>(headers);
            byte[] body;
            if (validBodies == null) {
                body = focus == 1 || (all && d.chance(30))
                        ? HostileText.value(d, 0).getBytes(StandardCharsets.UTF_8)
                        : null;
            } else {
                body = d.from(focus == 1 || all ? hostileBodies : validBodies);
            }
            return new RawHttp.Request(method, target, sent, body, body != null && d.chance(5));
        });
    }

    public static final class Builder {
        private final String name;
        private final String method;
        private Gen<String> validTargets;
        private Gen<String> hostileTargets;
        private List<Header> headers = List.of();
        private List<String> credentials = List.of();
        private Gen<byte[]> validBodies;
        private Gen<byte[]> hostileBodies;

        private Builder(String name, String method) {
            this.name = name;
            this.method = method;
        }

        public Builder targets(Gen<String> valid, Gen<String> hostile) {
            this.validTargets = valid;
            this.hostileTargets = hostile;
            return this;
        }

        /** @param credentials the names of the headers that carry credentials, to garble */
        public Builder headers(List<Header> valid, String... credentials) {
            this.headers = List.copyOf(valid);
            this.credentials = List.of(credentials);
            return this;
        }

        /** Valid bodies from templates; hostile ones around them (see {@link HostileBodies}). */
        public Builder jsonBodies(int limit, JsonTemplate... valid) {
            Gen<byte[]> hostile = HostileBodies.around(valid[0], limit);
            for (int i = 1; i < valid.length; i++) {
                hostile = hostile.mix(HostileBodies.around(valid[i], limit));
            }
            return bodies(Draw.gen(d -> d.pick(valid).render().getBytes(StandardCharsets.UTF_8)), hostile);
        }

        public Builder bodies(Gen<byte[]> valid, Gen<byte[]> hostile) {
            this.validBodies = valid;
            this.hostileBodies = hostile;
            return this;
        }

        /**
         * @param statuses    every status the endpoint documents (2xx and 4xx; a 503 is checked apart)
         * @param validStatus what a request with every part valid gets
         */
        public Endpoint answers(
                Set<Integer> statuses, int validStatus, ProviderFormats.Format errors, ProviderFormats.Format success) {
            return new Endpoint(
                    name,
                    method,
                    validTargets,
                    hostileTargets,
                    headers,
                    credentials,
                    validBodies,
                    hostileBodies,
                    statuses,
                    validStatus,
                    errors,
                    success);
        }
    }
}
