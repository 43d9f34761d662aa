package io.industrybrain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How a ceiling process tells the benchmark how far it has got: two numbers, records consumed and records
 * settled, replaced atomically in a small file several times a second.
 */
final class ProgressFile {

    private ProgressFile() { }

    static void write(Path file, long consumed, long settled) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            Files.writeString(next, consumed + " " + settled);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {consumed, settled}; zeros before the first write. */
    static long[] read(Path file) {
        try {
            String[] parts = Files.readString(file).strip().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
