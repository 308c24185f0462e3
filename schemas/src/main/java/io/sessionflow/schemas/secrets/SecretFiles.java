package io.sessionflow.schemas.secrets;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generated secrets (token keys, id keys, bearer tokens) written into the data directory readable by
 * their owner only from the first moment: the content goes into a temporary file created with mode
 * 600 in the same folder, which is then renamed atomically over the target. A file created first and
 * restricted afterwards would be readable by others in between; a reader never sees a half-written
 * file either.
 */
public final class SecretFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {}

    /** @return the content of {@code file}, which is first created with {@code generated} content if missing */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> generated) throws IOException {
        if (!Files.exists(file)) {
            createOwnerOnly(file, generated.get());
        }
        return Files.readAllBytes(file);
    }

    /** Writes {@code content} to {@code file}, owner-only and atomically, unless {@code file} exists. */
    public static void createOwnerOnly(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = createOwnerOnlyTemp(folder, target.getFileName().toString());
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** An empty file in {@code folder} that only its owner can read, where the file system knows POSIX modes. */
    static Path createOwnerOnlyTemp(Path folder, String name) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(folder, "." + name + "-", ".tmp", ownerOnly);
        }
        // the file system's own permissions apply (a Windows user profile, for one)
        return Files.createTempFile(folder, "." + name + "-", ".tmp");
    }
}
