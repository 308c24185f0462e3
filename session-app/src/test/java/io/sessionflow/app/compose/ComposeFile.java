package io.sessionflow.app.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml} as Compose reads it (anchors and {@code <<} merges
 * resolved by SnakeYAML), before variables are substituted: its services, and the Dockerfiles of those
 * built from a folder of the repository.
 */
record ComposeFile(Path repository, Map<String, Map<String, Object>> services) {

    private static final Pattern DOCKERFILE_ENV = Pattern.compile("(?m)^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)[=\\s]");

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path repository) {
        try {
            Map<String, Object> file = new Yaml().load(Files.readString(repository.resolve("docker-compose.yml")));
            return new ComposeFile(repository, (Map<String, Map<String, Object>>) file.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services built from the project's jars (the sessionflow apps), by name. */
    Map<String, Map<String, Object>> builtServices() {
        Map<String, Map<String, Object>> built = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                built.put(name, service);
            }
        });
        return built;
    }

    /** The variables a service sets, as written: its {@code environment}, a map or a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> variables = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (name, value) -> variables.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            list.stream()
                    .map(String::valueOf)
                    .map(entry -> entry.split("=", 2))
                    .forEach(entry -> variables.put(entry[0], entry.length > 1 ? entry[1] : null));
        }
        return variables;
    }

    /** The variables the Dockerfile of a built service sets ({@code ENV NAME=value}). */
    List<String> dockerfileEnvironmentNames(Map<String, Object> service) {
        Object build = service.get("build");
        String context = build instanceof Map<?, ?> map ? String.valueOf(map.get("context")) : String.valueOf(build);
        try {
            Matcher env = DOCKERFILE_ENV.matcher(
                    Files.readString(repository.resolve(context).resolve("Dockerfile")));
            return env.results().map(result -> result.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
