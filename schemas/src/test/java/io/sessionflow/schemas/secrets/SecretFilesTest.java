package io.sessionflow.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path folder;

    @Test
    void theTemporaryFileIsOwnerOnlyFromItsCreationBeforeAnyContentIsWritten() throws IOException {
        Path temp = SecretFiles.createOwnerOnlyTemp(folder, "admin-token");

        assertThat(temp.getParent()).as("same folder, so the move is a rename").isEqualTo(folder);
        assertThat(Files.size(temp)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecretFileIsCreatedOwnerOnlyWithItsContentAndNoTemporaryFileIsLeft() throws IOException {
        Path file = folder.resolve("nested/token-keys.properties");

        SecretFiles.createOwnerOnly(file, "secret".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anExistingSecretFileIsReadAndNeverReplaced() throws IOException {
        Path file = folder.resolve("admin-token");
        AtomicInteger generated = new AtomicInteger();

        byte[] first = SecretFiles.readOrCreate(file, () -> ("token-" + generated.incrementAndGet()).getBytes());
        byte[] second = SecretFiles.readOrCreate(file, () -> ("token-" + generated.incrementAndGet()).getBytes());

        assertThat(new String(first)).isEqualTo("token-1");
        assertThat(second).isEqualTo(first);
        assertThat(generated).hasValue(1);
        assertThatThrownBy(() -> SecretFiles.createOwnerOnly(file, new byte[1]))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("token-1");
    }
}
