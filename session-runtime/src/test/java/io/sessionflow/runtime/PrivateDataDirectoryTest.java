package io.sessionflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDataDirectoryTest {

    @Test
    void aMissingDataDirectoryIsCreatedOwnerOnlyWithItsParents(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("app").resolve("data");

        PrivateDataDirectory.prepare(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
    }

    @Test
    void anExistingSharedDirectoryIsLeftAsItIs(@TempDir Path tmp) throws Exception {
        Path shared = Files.createDirectory(
                tmp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        PrivateDataDirectory.prepare(shared);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                .isEqualTo("rwxr-xr-x");
    }
}
