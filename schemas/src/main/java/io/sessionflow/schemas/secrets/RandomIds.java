package io.sessionflow.schemas.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Random (version 4) UUIDs, unguessable as {@link UUID#randomUUID()}'s: the kernel's CSPRNG ({@code /dev/urandom}),
 * read 4 KiB at a time into a buffer per thread, so that 255 UUIDs in 256 cost a copy and no system call. {@code
 * UUID.randomUUID()} goes through the JDK's NativePRNG, which mixes what it reads from the device with SHA1PRNG in
 * Java under a lock: a tenth of the processor's stream thread with the C1 JIT, which has no intrinsic for SHA-1.
 * Where the device does not exist (not Linux or another Unix), {@code UUID.randomUUID()}.
 */
public final class RandomIds implements Supplier<UUID> {

    private static final Path DEVICE = Path.of("/dev/urandom");
    private static final int BUFFER_BYTES = 4096;

    private static final Supplier<UUID> SHARED = Files.isReadable(DEVICE) ? new RandomIds() : UUID::randomUUID;

    private final ThreadLocal<ByteBuffer> buffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_BYTES).position(BUFFER_BYTES));

    private RandomIds() {}

    /** The source of every random id sessionflow makes. */
    public static Supplier<UUID> source() {
        return SHARED;
    }

    @Override
    public UUID get() {
        ByteBuffer buffer = buffers.get();
        if (buffer.remaining() < 2 * Long.BYTES) {
            refill(buffer);
        }
        long high = buffer.getLong();
        long low = buffer.getLong();
        return new UUID(
                (high & ~0xF000L) | 0x4000L, // version 4
                (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L); // the IETF variant
    }

    private static void refill(ByteBuffer buffer) {
        buffer.clear();
        try (FileChannel device = FileChannel.open(DEVICE)) {
            while (buffer.hasRemaining()) {
                if (device.read(buffer) < 0) {
                    throw new IOException("end of " + DEVICE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read random bytes from " + DEVICE, e);
        }
        buffer.flip();
    }
}
