package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.sessionflow.processor.algoreg.AlgoregSessionRules;
import io.sessionflow.processor.chat.ChatSessionRules;
import io.sessionflow.processor.liveperson.LivePersonSessionRules;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.kafka.KafkaSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The processor's Spring wiring: every provider's rules are found by scanning their packages' own configurations
 * and make the topology, each with its own settings under {@code sessionflow.processor.<provider>.*}, whose former
 * names still count. The Streams app is built, not started.
 */
class ProcessorConfigurationTest {

    @TempDir
    Path stateDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(ProcessorConfiguration.class)
                .withBean(
                        KafkaSettings.class,
                        () -> new KafkaSettings(
                                "unused:9092", 1, (short) 1, Duration.ofMillis(10), stateDir.toString(), Map.of()))
                .withBean(NotStarted.class);
    }

    @Test
    void theTopologyDecidesTheRequestsOfEveryRegisteredProvidersRules() {
        runner().run(context -> {
            Map<String, SessionRules> rules = context.getBeansOfType(SessionRules.class);
            StreamsBuilder builder = context.getBean("&processorStreams", StreamsBuilderFactoryBean.class)
                    .getObject();

            assertThat(rules.values())
                    .extracting(SessionRules::provider)
                    .contains(Provider.CHAT, Provider.ALGOREG, Provider.ZENSKAR, Provider.LIVEPERSON);
            Set<String> requestTopics =
                    rules.values().stream().map(r -> r.requests().name()).collect(Collectors.toSet());
            assertThat(sources(builder))
                    .containsAll(requestTopics)
                    .containsOnlyElementsOf(
                            union(requestTopics, Topics.SESSION_ACTIVITY.name(), Topics.CATALOG.name()));
        });
    }

    @Test
    void streamsCommitsOnlyAsABackstopAndPollsNoLongerThanTheCommitIntervalUnlessAClientPropertySaysOtherwise() {
        runner().run(context -> assertThat(context.getBean("&processorStreams", StreamsBuilderFactoryBean.class)
                        .getStreamsConfiguration())
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L));
        runner().withPropertyValues(
                        "sessionflow.processor.commit-interval=20ms",
                        "sessionflow.processor.backlog-commit-interval=2s")
                .run(context -> {
                    Properties config = context.getBean("&processorStreams", StreamsBuilderFactoryBean.class)
                            .getStreamsConfiguration();
                    assertThat(config)
                            .as("the backstop never commits sooner than the backlog is")
                            .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2_000L)
                            .containsEntry(StreamsConfig.POLL_MS_CONFIG, 20L);
                });
        new ApplicationContextRunner()
                .withUserConfiguration(ProcessorConfiguration.class)
                .withBean(
                        KafkaSettings.class,
                        () -> new KafkaSettings(
                                "unused:9092",
                                1,
                                (short) 1,
                                Duration.ofMillis(10),
                                stateDir.toString(),
                                Map.of(StreamsConfig.POLL_MS_CONFIG, "50")))
                .withBean(NotStarted.class)
                .run(context -> assertThat(context.getBean("&processorStreams", StreamsBuilderFactoryBean.class)
                                .getStreamsConfiguration())
                        .containsEntry(StreamsConfig.POLL_MS_CONFIG, "50"));
    }

    @Test
    void eachProvidersSettingsAreItsOwnAndTheirFormerNamesStillCount() {
        runner().withPropertyValues(
                        "sessionflow.processor.chat.session-ttl=2h",
                        "sessionflow.processor.chat-session-ttl=3h",
                        "sessionflow.processor.algoreg-session-ttl=3d")
                .run(context -> {
                    assertThat(context.getBean(ChatSessionRules.class).sessionTtl())
                            .as("the new name over the former")
                            .isEqualTo(Duration.ofHours(2));
                    assertThat(context.getBean(AlgoregSessionRules.class).sessionTtl())
                            .as("the former name alone")
                            .isEqualTo(Duration.ofDays(3));
                    assertThat(context.getBean(LivePersonSessionRules.class).sessionTtl())
                            .as("the default")
                            .isEqualTo(Duration.ofMinutes(30));
                });
        runner().run(context -> {
            assertThat(context.getBean(ChatSessionRules.class).sessionTtl()).isEqualTo(Duration.ofHours(1));
            assertThat(context.getBean(AlgoregSessionRules.class).sessionTtl()).isEqualTo(Duration.ofDays(7));
        });
        runner().withPropertyValues("sessionflow.processor.liveperson.session-ttl=45m")
                .run(context -> assertThat(
                                context.getBean(LivePersonSessionRules.class).sessionTtl())
                        .isEqualTo(Duration.ofMinutes(45)));
    }

    private static Set<String> sources(StreamsBuilder builder) {
        TopologyDescription description = builder.build().describe();
        Set<String> topics = description.subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .collect(Collectors.toSet());
        description.globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
        return topics;
    }

    private static Set<String> union(Set<String> topics, String... more) {
        return java.util.stream.Stream.concat(topics.stream(), java.util.stream.Stream.of(more))
                .collect(Collectors.toSet());
    }

    /** Keeps the Streams app from starting: its topology is built when the factory bean is, which is enough here. */
    static final class NotStarted implements BeanPostProcessor {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof StreamsBuilderFactoryBean factory) {
                factory.setAutoStartup(false);
            }
            return bean;
        }
    }
}
