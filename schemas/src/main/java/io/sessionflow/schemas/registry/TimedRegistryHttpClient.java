package io.sessionflow.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

import io.apicurio.registry.rest.client.impl.ErrorHandler;
import io.apicurio.rest.client.error.RestClientErrorHandler;
import io.apicurio.rest.client.handler.BodyHandler;
import io.apicurio.rest.client.request.Request;
import io.apicurio.rest.client.spi.ApicurioHttpClient;
import io.apicurio.rest.client.util.UriUtil;

/**
 * Apicurio's registry client transport with timeouts: its own (the JDK one of apicurio-common-rest-client) has
 * none, so a registry that accepts a connection and never answers would hold start-up, or a Streams thread reading
 * an unknown schema id, for ever. Sends each request of Apicurio's {@code RegistryClient} with the connect and read
 * timeouts of {@link RegistryTimeouts}, and sends it again, up to its retries, when no answer came; answers
 * (errors included) go to Apicurio's own error handling unchanged.
 */
final class TimedRegistryHttpClient implements ApicurioHttpClient {

    /** Where Apicurio's registry API (v2) lives under the registry's base URL. */
    private static final String API_PATH = "apis/registry/v2/";

    private final String endpoint;
    private final RegistryTimeouts timeouts;
    private final HttpClient client;
    private final RestClientErrorHandler errorHandler = new ErrorHandler();
    private final ThreadLocal<Map<String, String>> nextHeaders = ThreadLocal.withInitial(Map::of);

    TimedRegistryHttpClient(String baseUrl, RegistryTimeouts timeouts) {
        this.endpoint = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + API_PATH;
        this.timeouts = timeouts;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .build();
    }

    @Override
    public <T> T sendRequest(Request<T> request) {
        HttpRequest http = build(request);
        IOException last = null;
        for (int attempt = 0; attempt <= timeouts.retries(); attempt++) {
            try {
                if (attempt > 0) {
                    Thread.sleep(timeouts.backoff().toMillis());
                }
                return client.send(http, new BodyHandler<>(request.getResponseType(), errorHandler))
                        .body()
                        .get();
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw errorHandler.parseError(e);
            }
        }
        throw errorHandler.parseError(new IOException(
                "no answer from the schema registry at " + http.uri() + " in " + (timeouts.retries() + 1)
                        + " attempts (connect timeout " + timeouts.connect() + ", read timeout " + timeouts.read()
                        + "): " + last,
                last));
    }

    private HttpRequest build(Request<?> request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .uri(UriUtil.buildURI(
                        endpoint + request.getRequestPath(), request.getQueryParams(), request.getPathParams()))
                .timeout(timeouts.read());
        Map<String, String> headers = new HashMap<>(nextHeaders.get());
        nextHeaders.remove();
        headers.putAll(request.getHeaders());
        headers.forEach(builder::header);
        return switch (request.getOperation()) {
            case GET -> builder.GET().build();
            case DELETE -> builder.DELETE().build();
            case PUT ->
                builder.PUT(HttpRequest.BodyPublishers.ofByteArray(body(request)))
                        .build();
            case POST ->
                builder.POST(
                                request.getDataString() != null
                                        ? HttpRequest.BodyPublishers.ofString(request.getDataString())
                                        : HttpRequest.BodyPublishers.ofByteArray(body(request)))
                        .build();
            default -> throw new IllegalStateException("No registry call uses " + request.getOperation());
        };
    }

    /** Read once, so that a retry sends the same bytes. */
    private byte[] body(Request<?> request) {
        try (InputStream data = request.getData()) {
            return data.readAllBytes();
        } catch (IOException e) {
            throw errorHandler.parseError(e);
        }
    }

    @Override
    public void setNextRequestHeaders(Map<String, String> headers) {
        nextHeaders.set(headers);
    }

    @Override
    public Map<String, String> getHeaders() {
        return nextHeaders.get();
    }

    @Override
    public void close() {}
}
