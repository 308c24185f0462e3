package io.sessionflow.processor.algoreg;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.CatalogView;
import io.sessionflow.processor.ProviderRules;
import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCatalogKeys;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.algoreg.AlgoregScenario;
import io.sessionflow.schemas.algoreg.AlgoregSessionDetails;
import io.sessionflow.schemas.algoreg.AlgoregSessionRequested;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;

/**
 * Algoreg's rules for generating a session: the scenario must exist for the caller's tenant and the
 * language must be enabled in it. Reads the catalog entry {@code algoreg:tenant:<tenantId>}; every
 * request opens a new session whose id is its session key, living {@code sessionTtl} from its
 * start. The customer reference (external_id) is personal: it goes to
 * {@code sessionflow.algoreg.customer-references} ({@link #keptData}), never into the event.
 */
public final class AlgoregSessionRules extends ProviderRules<AlgoregSessionRequested> {

    static final String VALIDATION_FAILED = "validation_failed";

    private final Duration sessionTtl;

    /** @param sessionTtl how long a session lives after its start */
    public AlgoregSessionRules(Duration sessionTtl, Supplier<UUID> ids) {
        super(Provider.ALGOREG, Topics.ALGOREG_REQUESTS, ids);
        this.sessionTtl = sessionTtl;
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    @Override
    public List<SessionEvent> decide(
            AlgoregSessionRequested request, SessionEvent existing, CatalogView catalog, Instant now) {
        SessionEvent.Builder event = event(request.getSessionKey(), now).setTenantId(request.getTenantId());

        AlgoregTenant tenant = catalog.get(AlgoregCatalogKeys.tenant(request.getTenantId()), AlgoregTenant.class);
        Optional<AlgoregScenario> scenario = tenant == null
                ? Optional.empty()
                : tenant.getScenarios().stream()
                        .filter(s -> s.getCode().equals(request.getScenarioCode()))
                        .findFirst();
        if (scenario.isEmpty()) {
            return List.of(event.setPayload(invalid("scenario_code", "no such scenario exists for this account"))
                    .build());
        }
        Optional<String> language = scenario.get().getLanguages().stream()
                .filter(enabled -> enabled.equalsIgnoreCase(request.getLanguage()))
                .findFirst();
        if (language.isEmpty()) {
            return List.of(event.setPayload(invalid(
                            "language",
                            "this language is not enabled in scenario '"
                                    + scenario.get().getCode() + "' (enabled: "
                                    + String.join(", ", scenario.get().getLanguages())
                                    + ")"))
                    .build());
        }

        Instant startedAt = now.truncatedTo(ChronoUnit.SECONDS);
        SessionCreated created = SessionCreated.newBuilder()
                .setSessionId(request.getSessionKey())
                .setCreatedAt(startedAt)
                .setExpiresAt(startedAt.plus(sessionTtl))
                .setDetails(AlgoregSessionDetails.newBuilder()
                        .setScenarioCode(scenario.get().getCode())
                        .setLanguage(language.get())
                        .setOrphan(request.getExternalId() == null)
                        .build())
                .build();
        return List.of(event.setPayload(created).build());
    }

    @Override
    public Optional<KeptData<AlgoregSessionRequested, ?>> keptData() {
        return Optional.of(new KeptData<AlgoregSessionRequested, AlgoregCustomerReference>() {
            @Override
            public Topic<String, AlgoregCustomerReference> topic() {
                return Topics.ALGOREG_CUSTOMER_REFERENCES;
            }

            @Override
            public AlgoregCustomerReference keep(AlgoregSessionRequested request, SessionEvent answer) {
                if (!(answer.getPayload() instanceof SessionCreated created) || request.getExternalId() == null) {
                    return null;
                }
                return AlgoregCustomerReference.newBuilder()
                        .setSessionKey(request.getSessionKey())
                        .setTenantId(request.getTenantId())
                        .setCustomerReference(request.getExternalId())
                        .setCreatedAt(created.getCreatedAt())
                        .setExpiresAt(created.getExpiresAt())
                        .build();
            }
        });
    }

    private static SessionRejected invalid(String field, String reason) {
        return rejection(VALIDATION_FAILED, 422, "Request validation failed: 1 field is invalid", field, reason);
    }
}
