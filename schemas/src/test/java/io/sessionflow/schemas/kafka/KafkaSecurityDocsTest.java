package io.sessionflow.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The {@code kafka-acls.sh} commands of docs/kafka-security.md grant exactly what {@link KafkaAcls} does. */
class KafkaSecurityDocsTest {

    private static final Path DOC = Path.of("..", "docs", "kafka-security.md");

    @Test
    void theDocumentedAclsAreExactlyTheCodes() throws IOException {
        Set<AclBinding> documented = new HashSet<>();
        for (String command : commands(Files.readString(DOC))) {
            documented.addAll(bindings(command));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(KafkaAcls.forDefaultUsers());
    }

    /** Every {@code kafka-acls.sh ... --add ...} command, continuation lines joined. */
    private static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (current == null && trimmed.startsWith("kafka-acls.sh ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = trimmed.endsWith("\\");
                current.append(' ').append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (!continues) {
                    commands.add(current.toString());
                    current = null;
                }
            }
        }
        return commands;
    }

    private static List<AclBinding> bindings(String command) {
        String[] words = command.trim().split("\\s+");
        String principal = null;
        PatternType pattern = PatternType.LITERAL;
        List<AclOperation> operations = new ArrayList<>();
        List<ResourcePattern> resources = new ArrayList<>();
        List<String[]> named = new ArrayList<>();
        for (int i = 0; i < words.length - 1; i++) {
            String value = words[i + 1];
            switch (words[i]) {
                case "--allow-principal" -> principal = value;
                case "--resource-pattern-type" ->
                    pattern = PatternType.fromString(value.toUpperCase(java.util.Locale.ROOT));
                case "--operation" -> operations.add(operation(value));
                case "--topic", "--group", "--transactional-id" -> named.add(new String[] {words[i], value});
                default -> {}
            }
        }
        for (String[] resource : named) {
            ResourceType type = switch (resource[0]) {
                case "--topic" -> ResourceType.TOPIC;
                case "--group" -> ResourceType.GROUP;
                default -> ResourceType.TRANSACTIONAL_ID;
            };
            resources.add(new ResourcePattern(type, resource[1], pattern));
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (ResourcePattern resource : resources) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(
                        resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** kafka-acls.sh's names: Read, DescribeConfigs, ... */
    private static AclOperation operation(String name) {
        for (AclOperation operation : AclOperation.values()) {
            if (operation.name().replace("_", "").equalsIgnoreCase(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("Unknown operation " + name);
    }
}
