package io.sessionflow.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The embedded broker's authentication and authorization when it runs with SCRAM: what it adds to
 * the broker's configuration, the users it creates and the ACLs it keeps, and the client settings
 * of each user.
 *
 * <p>Clients authenticate with SCRAM-SHA-512 on the {@code SASL_PLAINTEXT} listener; every request
 * is authorized by KRaft's {@code StandardAuthorizer} against the given ACLs, nothing is allowed
 * without one. The broker itself is the only super user, and authenticates with SASL/PLAIN against
 * a password configured statically in its listeners (its only PLAIN user): SCRAM credentials live
 * in the metadata log, so a SCRAM super user would have to exist before the broker could create
 * any, which a data directory formatted without it (an unsecured one from before) never has, and
 * the admin API cannot create SCRAM users through the controller listener. As that user the broker
 * creates or renews the SCRAM users and replaces the ACLs with the given ones on every start, so
 * the data directory ends up exactly as configured whatever an earlier start left. PLAIN sends the
 * password as is, over loopback only, where only root could see it.
 *
 * <p>Passwords are random, made once per broker object (they survive a stop and start in the same
 * JVM), and never written except to each user's client file ({@code client-<user>.properties} in
 * the data directory, owner-only), for the operator's own tools.
 */
final class ScramSecurity {

    static final String SUPER_USER = "broker";
    static final String LISTENER = "SASL_PLAINTEXT";
    private static final String MECHANISM = "SCRAM-SHA-512";
    private static final int ITERATIONS = 8192;
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String JAAS_SUFFIX = "sasl.jaas.config";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final List<AclBinding> acls;

    ScramSecurity(Collection<String> users, Collection<AclBinding> acls) {
        passwords.put(SUPER_USER, newPassword());
        for (String user : users) {
            if (user.equals(SUPER_USER) || !user.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Not a usable SCRAM user name: " + user);
            }
            passwords.put(user, newPassword());
        }
        this.acls = List.copyOf(acls);
    }

    /** The broker settings of a SCRAM listener on {@code host:port} and a PLAIN controller listener. */
    Map<String, String> serverProperties(String host, int port, int controllerPort) {
        String superUserPassword = passwords.get(SUPER_USER);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", LISTENER + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://" + host + ":" + port);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", MECHANISM + ",PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        String superUserOnly = PLAIN_LOGIN + " required username=\"" + SUPER_USER + "\" password=\"" + superUserPassword
                + "\" user_" + SUPER_USER + "=\"" + superUserPassword + "\";";
        p.put("listener.name.sasl_plaintext.plain." + JAAS_SUFFIX, superUserOnly);
        p.put("listener.name.sasl_plaintext.scram-sha-512." + JAAS_SUFFIX, SCRAM_LOGIN + " required;");
        p.put("listener.name.controller.plain." + JAAS_SUFFIX, superUserOnly);
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + SUPER_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** Whether a server property holds a password (and so stays out of files). */
    static boolean isSecret(String property) {
        return property.endsWith(JAAS_SUFFIX);
    }

    /** The security settings of a client authenticating as {@code user}. */
    Map<String, String> clientConfig(String user) {
        String password = passwords.get(user);
        if (password == null || user.equals(SUPER_USER)) {
            throw new IllegalArgumentException("No SCRAM user " + user + " on this broker");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
        return config;
    }

    /** The security settings of the broker's super user. */
    Map<String, String> superUserConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                PLAIN_LOGIN + " required username=\"" + SUPER_USER + "\" password=\"" + passwords.get(SUPER_USER)
                        + "\";");
        return config;
    }

    /**
     * Creates or renews every user's credential and makes the ACLs exactly the configured ones, and
     * returns once the broker applies them: the controller commits each change and the broker follows
     * the metadata log a moment later, in order, so once it shows the new ACLs it has the users too.
     */
    void apply(Admin superUser) throws InterruptedException, ExecutionException, TimeoutException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS);
        passwords.forEach((user, password) -> {
            if (!user.equals(SUPER_USER)) {
                upserts.add(new UserScramCredentialUpsertion(user, info, password));
            }
        });
        if (!upserts.isEmpty()) {
            superUser.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        }
        Set<AclBinding> wanted = new HashSet<>(acls);
        List<AclBindingFilter> stale =
                superUser.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                        .filter(existing -> !wanted.contains(existing))
                        .map(AclBinding::toFilter)
                        .toList();
        if (!stale.isEmpty()) {
            superUser.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
        }
        if (!wanted.isEmpty()) {
            superUser.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!new HashSet<>(
                        superUser.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                .equals(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The broker did not apply its ACLs within 30 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Writes each user's client settings to {@code client-<user>.properties} in {@code dir}: created
     * owner-only under a temporary name, then moved into place, so no one else can ever read it and
     * a reader never sees half a file.
     */
    void writeClientFiles(Path dir, String bootstrapServers) throws IOException {
        for (String user : passwords.keySet()) {
            if (user.equals(SUPER_USER)) {
                continue;
            }
            Properties client = new Properties();
            client.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            client.putAll(clientConfig(user));
            Path target = dir.resolve(clientFileName(user));
            Path temp = OwnerOnly.createFile(dir, "." + clientFileName(user));
            try (var out = Files.newOutputStream(temp)) {
                client.store(out, "User:" + user + " on the embedded broker; renewed on every start");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String clientFileName(String user) {
        return "client-" + user + ".properties";
    }

    private static String scramJaas(String user, String password) {
        return SCRAM_LOGIN + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new String(Base64.getUrlEncoder().withoutPadding().encode(bytes), StandardCharsets.US_ASCII);
    }
}
