package io.sessionflow.app.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration the sessionflow apps read, to tell whether an environment variable means anything to
 * them. Read from: the {@code @ConfigurationProperties} types under {@code io.sessionflow} on the test
 * class path (session-app's, a superset of each app's); every module's {@code application*.yml} and the
 * standalone apps' {@code sessionflow-*.yml} (their keys, and the variables their placeholders name, such
 * as {@code PORT}); and Spring Boot's own metadata for the standard {@code server.*}, {@code management.*}
 * and {@code logging.*} properties. A variable is read when it names such a variable or when Spring Boot's
 * relaxed binding maps it to such a property ({@code SESSIONFLOW_KAFKA_REPLICATIONFACTOR} to
 * {@code sessionflow.kafka.replication-factor}); a map property (such as {@code sessionflow.tokens.keys})
 * takes any name below it.
 */
final class PropertiesTheAppsRead {

    /** Standard Spring Boot properties the apps honour; {@code spring.kafka.*} for one is read by nobody. */
    private static final List<String> SPRING_BOOT_PREFIXES = List.of("server", "management", "logging");

    private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final Set<String> variables = new HashSet<>();
    private final List<ConfigurationPropertyName> properties = new ArrayList<>();
    private final List<ConfigurationPropertyName> maps = new ArrayList<>();

    static PropertiesTheAppsRead of(Path repository) {
        PropertiesTheAppsRead read = new PropertiesTheAppsRead();
        read.addConfigurationPropertiesTypes();
        read.addApplicationFiles(repository);
        read.addSpringBootMetadata();
        return read;
    }

    /** Whether the apps read environment variable {@code variable}. */
    boolean reads(String variable) {
        if (variables.contains(variable)) {
            return true;
        }
        ConfigurationPropertyName name = bound(variable);
        return name != null && (properties.contains(name) || maps.stream().anyMatch(map -> map.isAncestorOf(name)));
    }

    /** The property Spring Boot binds environment variable {@code variable} to, if any. */
    private static ConfigurationPropertyName bound(String variable) {
        SystemEnvironmentPropertySource environment =
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, "value"));
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(environment)) {
            return ((IterableConfigurationPropertySource) source)
                    .stream().findFirst().orElse(null);
        }
        return null;
    }

    private void addConfigurationPropertiesTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (var candidate : scanner.findCandidateComponents("io.sessionflow")) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            addType(prefix, type);
        }
    }

    private void addType(String prefix, Class<?> type) {
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Parameter[] parameters = canonicalConstructorParameters(type, components);
            for (int i = 0; i < components.length; i++) {
                Name renamed = parameters[i].getAnnotation(Name.class);
                addProperty(
                        prefix, renamed != null ? renamed.value() : components[i].getName(), components[i].getType());
            }
        } else {
            for (var property : BeanUtils.getPropertyDescriptors(type)) {
                if (property.getWriteMethod() != null) {
                    addProperty(prefix, property.getName(), property.getPropertyType());
                }
            }
        }
    }

    private void addProperty(String prefix, String javaName, Class<?> type) {
        String name = prefix + "." + DataObjectPropertyName.toDashedForm(javaName);
        if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || type.isArray()) {
            maps.add(ConfigurationPropertyName.of(name));
        } else if (type.getName().startsWith("io.sessionflow.") && !type.isEnum()) {
            addType(name, type);
        } else {
            properties.add(ConfigurationPropertyName.of(name));
        }
    }

    private void addApplicationFiles(Path repository) {
        try (Stream<Path> modules = Files.list(repository)) {
            for (Path module : modules.toList()) {
                Path resources = module.resolve("src/main/resources");
                if (!Files.isDirectory(resources)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(resources)) {
                    for (Path file : files.filter(
                                    f -> f.getFileName().toString().matches("(application|sessionflow-).*\\.ya?ml"))
                            .toList()) {
                        addApplicationFile(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addApplicationFile(Path file) throws IOException {
        for (var source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                // adapt: a logging level's key is a class name, in mixed case
                properties.add(ConfigurationPropertyName.adapt(name, '.'));
            }
        }
        Matcher placeholders = PLACEHOLDER_VARIABLE.matcher(Files.readString(file));
        while (placeholders.find()) {
            variables.add(placeholders.group(1));
        }
    }

    private void addSpringBootMetadata() {
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (Resource metadata : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = metadata.getInputStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        String type = property.path("type").asString("");
                        if (SPRING_BOOT_PREFIXES.contains(name.substring(0, Math.max(0, name.indexOf('.'))))
                                && ConfigurationPropertyName.isValid(name)) {
                            (type.startsWith("java.util.Map") ? maps : properties)
                                    .add(ConfigurationPropertyName.of(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Parameter[] canonicalConstructorParameters(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(types).getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
