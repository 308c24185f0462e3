package io.sessionflow.broker;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner can reach (0700, 0600), created so from the start: Java
 * cannot set the process umask, so the broker's own files are 0644, but inside a 0700 directory no
 * other user can open them. Where the file system has no POSIX permissions, it creates them plainly.
 */
final class OwnerOnly {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates {@code dir} (and missing parents) as 0700, or makes an existing one 0700. */
    static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (Files.isDirectory(dir)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        } else {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
    }

    /** A new, empty, uniquely named 0600 file in {@code dir}. */
    static Path createFile(Path dir, String prefix) throws IOException {
        FileAttribute<?>[] attributes =
                POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        return Files.createTempFile(dir, prefix, ".tmp", attributes);
    }
}
