package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.sessionflow.api.standalone.SessionApiApp;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.processor.standalone.SessionProcessorApp;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueryService;
import io.sessionflow.projections.standalone.SessionProjectionsApp;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three standalone apps, two instances each, as child JVMs on one broker: a session created through API
 * instance A is read, introspected and continued through API instance B, whichever projections instance owns it
 * (each projections instance is asked directly, as the owner would be, to see which one holds it); a SIGKILL of
 * one projections instance under create load costs only retryable 503s, no create waits longer than
 * outcome-wait plus publish-timeout, and no answered session is lost (every one readable through the API and
 * created exactly once on {@code sessionflow.session-events}, read_committed); the killed instance, started
 * again on its state directory under load, serves again by itself.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SeparateServicesFaultTest {

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(3);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String STARTED = "Started Session";
    private static final String ZENSKAR_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String ZENSKAR_CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String ZENSKAR_ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String LIVEPERSON_VISITORS = "/liveperson/api/account/12345678/app/engagement/visitors";

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private final List<ChildSessionApp> apps = new ArrayList<>();

    private record Projections(ChildSessionApp app, int internalPort) {}

    @Test
    void anyApiInstanceAnswersAnySessionAndAProjectionsCrashCostsOnlyRetryableAnswers() throws Exception {
        broker = EmbeddedKafkaBroker.builder()
                .port(0)
                .dataDir(dir.resolve("kafka"))
                .defaultPartitions(2)
                .build();
        broker.start();
        try {
            Projections first = projections("projections-1");
            Projections second = projections("projections-2");
            processor("processor-1");
            processor("processor-2");
            String instances = "localhost:" + first.internalPort() + ",localhost:" + second.internalPort();
            int apiA = api("api-a", instances);
            int apiB = api("api-b", instances);
            for (ChildSessionApp app : apps) {
                app.awaitReady(START_LIMIT);
            }
            SessionApiClient a = new SessionApiClient(apiA);
            SessionApiClient b = new SessionApiClient(apiB);
            awaitAnswered(a, Duration.ofMinutes(2));
            awaitAnswered(b, Duration.ofMinutes(1));

            readAndContinueThroughTheOtherApi(a, b, first, second);
            crashAndRestartUnderLoad(a, b, first);
        } finally {
            for (ChildSessionApp app : apps) {
                app.close();
            }
            broker.close();
        }
    }

    private void readAndContinueThroughTheOtherApi(
            SessionApiClient a, SessionApiClient b, Projections first, Projections second) {
        Set<Integer> owners = new HashSet<>();
        for (int i = 0; i < 24 && owners.size() < 2; i++) {
            CreateRequest chat = CreateRequest.chat(UUID.randomUUID().toString());
            Exchange created = untilNot503(() -> a.send(chat));
            assertThat(created.status())
                    .as("chat create through A: %s", created.describe())
                    .isEqualTo(200);
            owners.add(owner(chat.sessionKey(), first, second));
            Exchange introspected = untilNot503(
                    () -> b.introspect(created.json().get("sessionToken").asString()));
            assertThat(introspected.status()).as(introspected.describe()).isEqualTo(200);
            assertThat(introspected.json().get("active").asBoolean())
                    .as(introspected.describe())
                    .isTrue();
        }
        assertThat(owners)
                .as("projections instances that owned the sessions (internal ports)")
                .containsExactlyInAnyOrder(first.internalPort(), second.internalPort());

        for (int i = 0; i < 4; i++) {
            CreateRequest algoreg = CreateRequest.algoreg(UUID.randomUUID().toString());
            Exchange created = untilNot503(() -> a.send(algoreg));
            assertThat(created.status()).as(created.describe()).isEqualTo(200);
            Exchange read = untilNot503(
                    () -> b.readAlgoreg(created.json().get("session_id").asString()));
            assertThat(read.status())
                    .as("Algoreg GET through B: %s", read.describe())
                    .isEqualTo(200);
            assertThat(read.json().get("session_id").asString())
                    .isEqualTo(created.json().get("session_id").asString());

            Exchange zenskar = untilNot503(() -> a.send(
                    "POST",
                    "/zenskar/customers/session",
                    "{\"customer_id\":\"" + ZENSKAR_CUSTOMER
                            + "\",\"return_url\":\"https://app.acme.example/billing\"}",
                    Map.of(
                            "x-api-key",
                            ZENSKAR_KEY,
                            "organisation",
                            ZENSKAR_ORGANISATION,
                            "Idempotency-Key",
                            UUID.randomUUID().toString())));
            assertThat(zenskar.status()).as(zenskar.describe()).isEqualTo(200);
            Exchange zenskarIntrospected = untilNot503(
                    () -> b.introspect(zenskar.json().get("session_token").asString()));
            assertThat(zenskarIntrospected.json().get("active").asBoolean())
                    .as(zenskarIntrospected.describe())
                    .isTrue();

            Exchange visit = untilNot503(() -> a.send(
                    "POST",
                    LIVEPERSON_VISITORS + "?v=1.0",
                    "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}",
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())));
            assertThat(visit.status()).as(visit.describe()).isEqualTo(200);
            String visitor =
                    LIVEPERSON_VISITORS + "/" + visit.json().get("visitorId").asString() + "?v=1.0&sid="
                            + URLEncoder.encode(visit.json().get("sessionId").asString(), StandardCharsets.UTF_8);
            Exchange continued = untilNot503(() -> b.send(
                    "POST",
                    visitor,
                    "{\"appType\":\"MSDK\",\"consumerSections\":[\"Sales\"]}",
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())));
            assertThat(continued.status())
                    .as("LivePerson continue through B: %s", continued.describe())
                    .isEqualTo(200);
            assertThat(continued.json().get("sessionId").asString())
                    .isEqualTo(visit.json().get("sessionId").asString());
            Exchange updated = untilNot503(() -> b.send(
                    "PUT",
                    visitor,
                    "{\"pageId\":\"p1\"}",
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())));
            assertThat(updated.status())
                    .as("LivePerson PUT through B: %s", updated.describe())
                    .isEqualTo(200);
        }
    }

    private void crashAndRestartUnderLoad(SessionApiClient a, SessionApiClient b, Projections first) throws Exception {
        ConcurrentLinkedQueue<Map.Entry<CreateRequest, Exchange>> exchanges = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            SessionApiClient client = t % 2 == 0 ? a : b;
            load.execute(() -> {
                while (loading.get() && sent.incrementAndGet() <= 3000) {
                    CreateRequest request = CreateRequest.chat(UUID.randomUUID().toString());
                    exchanges.add(Map.entry(request, client.send(request)));
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            });
        }
        long killedAt;
        long restartedAt;
        try {
            LockSupport.parkNanos(Duration.ofSeconds(4).toNanos());
            killedAt = System.nanoTime();
            first.app().kill();
            LockSupport.parkNanos(Duration.ofSeconds(8).toNanos());
            first.app().start("projections-1-restarted");
            first.app().awaitReady(START_LIMIT);
            restartedAt = System.nanoTime();
            awaitServedAgain(exchanges, first, Duration.ofMinutes(2));
        } finally {
            loading.set(false);
            load.shutdown();
            load.awaitTermination(1, TimeUnit.MINUTES);
        }

        Duration longest = OUTCOME_WAIT.plus(PUBLISH_TIMEOUT).plus(MARGIN);
        List<String> unexpected = new ArrayList<>();
        List<String> tooLong = new ArrayList<>();
        Map<CreateRequest, String> answered = new LinkedHashMap<>();
        for (Map.Entry<CreateRequest, Exchange> exchange : exchanges) {
            Exchange answer = exchange.getValue();
            if (answer.status() == 200) {
                answered.put(
                        exchange.getKey(), answer.json().get("sessionToken").asString());
            } else if (!CreateRequest.isDocumentedRetryable("chat", answer)) {
                unexpected.add(answer.describe());
            }
            if (answer.took().compareTo(longest) > 0) {
                tooLong.add(answer.describe());
            }
        }
        System.out.printf(
                "Creates under the crash and restart: %d, answered %d, retryable 503 %d, longest %d ms%n",
                exchanges.size(),
                answered.size(),
                exchanges.stream().filter(e -> e.getValue().status() == 503).count(),
                exchanges.stream()
                        .mapToLong(e -> e.getValue().took().toMillis())
                        .max()
                        .orElse(0));
        printFailover(exchanges, killedAt, restartedAt);
        assertThat(unexpected)
                .as("answers other than 200 and the retryable 503, of %d", exchanges.size())
                .isEmpty();
        assertThat(tooLong).as("creates that waited longer than %s", longest).isEmpty();
        assertThat(answered).as("answered creates").isNotEmpty();

        SessionEventsAudit audit = SessionEventsAudit.read(broker.bootstrapServers());
        List<String> lost = new ArrayList<>();
        int index = 0;
        for (Map.Entry<CreateRequest, String> session : answered.entrySet()) {
            SessionApiClient reader = index++ % 2 == 0 ? b : a;
            if (audit.created(session.getKey().sessionKey()).size() != 1) {
                lost.add(session.getKey() + ": SessionCreated "
                        + audit.created(session.getKey().sessionKey()).size());
                continue;
            }
            Exchange introspected = untilNot503(() -> reader.introspect(session.getValue()));
            if (introspected.status() != 200
                    || !introspected.json().get("active").asBoolean()) {
                lost.add(session.getKey() + ": " + introspected.describe());
            }
        }
        assertThat(lost)
                .as("answered sessions not created exactly once or not readable, of %d", answered.size())
                .isEmpty();
    }

    /**
     * What the crash cost in time: the longest gap with no successful create (between the ends of two answered
     * creates), and the refused creates and the last of them after the SIGKILL, apart for before and after the
     * killed instance was ready again (its return moves tasks back, a second rebalance).
     */
    private static void printFailover(
            ConcurrentLinkedQueue<Map.Entry<CreateRequest, Exchange>> exchanges, long killedAt, long restartedAt) {
        List<Long> answeredAt = exchanges.stream()
                .map(Map.Entry::getValue)
                .filter(Exchange::answered)
                .map(SeparateServicesFaultTest::endedAt)
                .sorted()
                .toList();
        long longestGap = 0;
        for (int i = 1; i < answeredAt.size(); i++) {
            longestGap = Math.max(longestGap, answeredAt.get(i) - answeredAt.get(i - 1));
        }
        List<Long> refusedAt = exchanges.stream()
                .map(Map.Entry::getValue)
                .filter(e -> !e.answered())
                .map(SeparateServicesFaultTest::endedAt)
                .toList();
        List<Long> beforeReturn =
                refusedAt.stream().filter(at -> at < restartedAt).toList();
        List<Long> afterReturn =
                refusedAt.stream().filter(at -> at >= restartedAt).toList();
        System.out.printf(
                "Failover: longest gap with no successful create %d ms; killed instance ready again %d ms"
                        + " after the SIGKILL; refused before that %d, the last %d ms after the SIGKILL; refused after"
                        + " it %d, the last %d ms after the SIGKILL%n",
                TimeUnit.NANOSECONDS.toMillis(longestGap),
                TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt),
                beforeReturn.size(),
                lastAfter(beforeReturn, killedAt),
                afterReturn.size(),
                lastAfter(afterReturn, killedAt));
    }

    private static long endedAt(Exchange exchange) {
        return exchange.startedAtNanos() + exchange.took().toNanos();
    }

    private static long lastAfter(List<Long> times, long start) {
        return TimeUnit.NANOSECONDS.toMillis(
                times.stream().mapToLong(at -> at - start).max().orElse(0));
    }

    /** Until creates of sessions the restarted instance owns are answered again. */
    private void awaitServedAgain(
            ConcurrentLinkedQueue<Map.Entry<CreateRequest, Exchange>> exchanges,
            Projections restarted,
            Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        InternalCredential credential = InternalCredential.of(AppUnderTest.INTERNAL_TOKEN);
        RemoteSessionQueries direct = new RemoteSessionQueries(Duration.ofSeconds(1), credential);
        int servedByRestarted = 0;
        while (servedByRestarted < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The restarted projections instance did not serve again within " + limit
                        + ":\n" + restarted.app().logTail(40));
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            servedByRestarted = 0;
            List<Map.Entry<CreateRequest, Exchange>> recent = new ArrayList<>(exchanges);
            for (Map.Entry<CreateRequest, Exchange> exchange :
                    recent.subList(Math.max(0, recent.size() - 20), recent.size())) {
                if (exchange.getValue().status() == 200
                        && ownedBy(direct, restarted, exchange.getKey().sessionKey())) {
                    servedByRestarted++;
                }
            }
        }
    }

    private int owner(String sessionKey, Projections first, Projections second) {
        RemoteSessionQueries direct =
                new RemoteSessionQueries(Duration.ofSeconds(1), InternalCredential.of(AppUnderTest.INTERNAL_TOKEN));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (ownedBy(direct, first, sessionKey)) {
                return first.internalPort();
            }
            if (ownedBy(direct, second, sessionKey)) {
                return second.internalPort();
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("No projections instance holds session " + sessionKey);
    }

    /** Asked as an owner is asked (marked forwarded): answers only from its own store. */
    private static boolean ownedBy(RemoteSessionQueries direct, Projections instance, String sessionKey) {
        try {
            return direct.lookup(
                                    new HostInfo("localhost", instance.internalPort()),
                                    SessionQueryService.Query.session(sessionKey),
                                    Duration.ZERO,
                                    true)
                            .get(5, TimeUnit.SECONDS)
                    instanceof SessionLookup.Found;
        } catch (Exception e) {
            return false;
        }
    }

    private Projections projections(String name) {
        int internalPort = AppUnderTest.freePort();
        Map<String, Object> properties = common(name);
        properties.put("server.port", AppUnderTest.freePort());
        properties.put("sessionflow.internal.port", internalPort);
        properties.put("sessionflow.projections.advertised-host", "localhost");
        return new Projections(start(SessionProjectionsApp.class, name, properties), internalPort);
    }

    private void processor(String name) {
        Map<String, Object> properties = common(name);
        properties.put("server.port", AppUnderTest.freePort());
        start(SessionProcessorApp.class, name, properties);
    }

    private int api(String name, String projections) {
        int port = AppUnderTest.freePort();
        Map<String, Object> properties = common(name);
        properties.put("server.port", port);
        properties.put("management.server.port", AppUnderTest.freePort());
        properties.put("sessionflow.api.projections", projections);
        properties.putAll(StandaloneApiSettings.of(OUTCOME_WAIT, PUBLISH_TIMEOUT));
        properties.put("sessionflow.limits.exempt-addresses", "127.0.0.1,0:0:0:0:0:0:0:1");
        properties.put("sessionflow.limits.tenant-requests", 100_000_000);
        start(SessionApiApp.class, name, properties);
        return port;
    }

    private Map<String, Object> common(String name) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sessionflow.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("sessionflow.kafka.partitions", 2);
        properties.put("sessionflow.data-dir", dir.resolve(name).toString());
        properties.put("sessionflow.internal.token", AppUnderTest.INTERNAL_TOKEN);
        properties.put("sessionflow.management.token", AppUnderTest.MANAGEMENT_TOKEN);
        // no load balancer to steer away at a stop: the test's clients call each instance by its port
        properties.put("sessionflow.shutdown.drain", "0s");
        return properties;
    }

    private ChildSessionApp start(Class<?> main, String name, Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        ChildSessionApp app = new ChildSessionApp(main, STARTED, arguments, dir);
        app.start(name);
        apps.add(app);
        return app;
    }

    private static void awaitAnswered(SessionApiClient api, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Exchange last = null;
        while (System.nanoTime() < deadline) {
            last = api.send(CreateRequest.chat(UUID.randomUUID().toString()));
            if (last.status() == 200) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new AssertionError(
                "No create was answered within " + limit + ": " + (last == null ? "" : last.describe()));
    }

    /** The exchange again while it answers the retryable 503 (an instance still starting), for up to 30 s. */
    private static Exchange untilNot503(Supplier<Exchange> exchange) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Exchange answer = exchange.get();
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            answer = exchange.get();
        }
        return answer;
    }
}
