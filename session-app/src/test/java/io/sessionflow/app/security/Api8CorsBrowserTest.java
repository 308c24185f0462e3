package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.sessionflow.app.EndToEndTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OWASP API8, CORS proved in a real browser: headless Chromium (Debian's {@code /usr/bin/chromium},
 * driven by {@code playwright-core} from {@code src/test/browser}) opens two pages served over HTTP on
 * loopback, on two origins. Each creates a chat session with {@code fetch()}, as the widget does
 * (JSON and an {@code Idempotency-Key}, so the browser sends a preflight first). The page on the
 * origin the widget key allows gets its session; the other page's fetch is blocked by the browser
 * and nothing reaches the processor.
 */
class Api8CorsBrowserTest extends EndToEndTest {

    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final String KEY = "pk_live_b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";
    private static final long NODE_TIMEOUT_SECONDS = 90;

    @Test
    void onlyAPageOnAnAllowedOriginCanOpenASessionFromTheBrowser() throws Exception {
        assertBrowserInstalled();
        Site allowedSite = Site.start("allowed-" + System.nanoTime());
        Site foreignSite = Site.start("foreign-" + System.nanoTime());
        try {
            String allowedOrigin = allowedSite.origin();
            String foreignOrigin = foreignSite.origin();
            allowOnly(allowedOrigin);

            JsonNode run = runBrowser(allowedOrigin + "/", foreignOrigin + "/");

            JsonNode allowed = run.get("results").get(allowedOrigin + "/");
            assertThat(allowed.get("fetched").asBoolean())
                    .as("allowed page: %s", run)
                    .isTrue();
            assertThat(allowed.get("status").asInt())
                    .as("allowed page: %s", run)
                    .isEqualTo(200);
            assertThat(JSON.readTree(allowed.get("body").asString())
                            .get("sessionToken")
                            .asString())
                    .isNotBlank();

            JsonNode foreign = run.get("results").get(foreignOrigin + "/");
            assertThat(foreign.get("fetched").asBoolean())
                    .as("foreign page: %s", run)
                    .isFalse();
            assertThat(foreign.get("error").asString()).startsWith("TypeError");
            assertThat(run.get("console").get(foreignOrigin + "/").toString()).contains("CORS");

            // nothing sent from the foreign page may be decided later, unseen
            awaitAllRequestsDecided();
            Set<String> sessionKeys =
                    readSessionEvents().stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(sessionKeys).contains(allowedSite.sessionKey()).doesNotContain(foreignSite.sessionKey());
        } finally {
            allowedSite.server().stop(0);
            foreignSite.server().stop(0);
        }
    }

    private static void assertBrowserInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("This test needs Chromium at " + CHROMIUM + ": apt-get update && apt-get install -y chromium "
                    + "(.ci/run does it)");
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
            fail("This test needs the node modules of session-app/src/test/browser: run `npm ci` there "
                    + "(.ci/run does it; needs Node.js 18 or later)");
        }
    }

    /** A widget key (through the admin API) that allows only {@code origin}; waits until CORS grants it. */
    private static void allowOnly(String origin) {
        String document = """
                {"chat": {"tenants": [{"id": "cors-browser-tenant",
                  "flows": [{"id": "f1", "published": true, "intent": {"name": "say_hello", "displayLabel": "Hello"}}],
                  "widgetKeys": [{"publicKey": "%s", "label": "Browser test", "allowedOrigins": ["%s"],
                                  "allowsAllIntents": true}]}]}}""".formatted(KEY, origin);
        Response written = send("PUT", "/admin/catalog", document, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(written.status()).isEqualTo(200);
        Response granted = eventually(
                () -> send("OPTIONS", CHAT, null, Map.of("Origin", origin, "Access-Control-Request-Method", "POST")),
                r -> r.status() == 200);
        assertThat(granted.status())
                .as("preflight from %s once the key is in the catalog", origin)
                .isEqualTo(200);
    }

    /** A web site on loopback whose page creates a session as the widget does, with its own Idempotency-Key. */
    private record Site(HttpServer server, String idempotencyKey) {

        /** The page publishes what its fetch() got as window.corsResult. */
        static Site start(String idempotencyKey) throws IOException {
            String page = """
                    <!doctype html><html><head><meta charset="utf-8"><title>shop</title></head><body><script>
                    fetch('http://127.0.0.1:%d%s', {
                      method: 'POST',
                      headers: {'Content-Type': 'application/json', 'Idempotency-Key': '%s'},
                      body: JSON.stringify({publicKey: '%s', locale: 'en-GB'})
                    }).then(r => r.text().then(body => { window.corsResult = {fetched: true, status: r.status, body}; }))
                      .catch(e => { window.corsResult = {fetched: false, error: e.name + ': ' + e.message}; });
                    </script></body></html>
                    """.formatted(HTTP_PORT, CHAT, idempotencyKey, KEY);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestURI().getPath().equals("/")
                        ? page.getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new Site(server, idempotencyKey);
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String sessionKey() {
            return SESSION_KEYS.derivedKey("chat", KEY, idempotencyKey);
        }
    }

    /** Runs the browser script over {@code urls}, bounded in time, and returns what it printed. */
    private static JsonNode runBrowser(String... urls) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "cors-fetch.mjs"));
        command.addAll(List.of(urls));
        Path stdout = Files.createTempFile("cors-browser", ".out");
        Path stderr = Files.createTempFile("cors-browser", ".err");
        Process node = new ProcessBuilder(command)
                .directory(BROWSER_TESTS.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("the browser did not finish within " + NODE_TIMEOUT_SECONDS + " s: " + Files.readString(stderr));
            }
            String out = Files.readString(stdout).strip();
            if (node.exitValue() != 0 || out.isEmpty()) {
                fail("node cors-fetch.mjs failed (exit " + node.exitValue() + "): " + Files.readString(stderr));
            }
            return JSON.readTree(out);
        } finally {
            node.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
