package io.sessionflow.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sessionflow.data-dir} holds the embedded broker's log, the Streams state (whose stores hold
 * personal data) and generated secrets. Kafka Streams makes its own folders 0750 whatever the umask, so
 * only a private parent keeps them from other users: a missing data directory is created 0700. An
 * existing one that others may enter is left as it is (it could be shared on purpose), with a warning
 * naming the command that makes it private.
 */
public final class PrivateDataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateDataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateDataDirectory() {}

    public static void prepare(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty()) {
                LOG.warn(
                        "The data directory {} can be entered by other users, and it holds Kafka Streams state with"
                                + " personal data: make it private with chmod 700 {}",
                        dir.toAbsolutePath(),
                        dir.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir, e);
        }
    }
}
