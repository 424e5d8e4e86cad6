package app.margin.reliability.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem made for a test (a tmpfs of a few MiB), and a directory made unwritable. Both need a machine
 * that lets the test mount (root in a container that allows it); where it cannot, {@link #why} says so and the test
 * is skipped with that message. As root, chmod does not stop writes, so a directory is made unwritable with
 * {@code chattr +i} (new files cannot be created in it) instead.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Why this machine cannot make a small filesystem, or empty when it can (checked once by mounting one). */
    static Optional<String> why() {
        return Probe.WHY;
    }

    /** Mounts a tmpfs of {@code bytes} at {@code dir} (created if missing). */
    static SmallDisk mount(Path dir, long bytes) throws IOException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    Path path() {
        return mountPoint;
    }

    /** Frees space the way an administrator would: the filesystem is made larger. */
    void grow(long bytes) throws IOException {
        run("mount", "-o", "remount,size=" + bytes, mountPoint.toString());
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", mountPoint.toString());
        } catch (IOException busy) {
            run("umount", "-l", mountPoint.toString()); // a process of the test still has a file open
        }
    }

    static boolean root() {
        try {
            return "0".equals(output("id", "-u").trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes {@code dir} refuse new files; {@link #writable} undoes it. */
    static void unwritable(Path dir) throws IOException {
        if (root()) {
            run("chattr", "+i", dir.toString());
        } else {
            run("chmod", "a-w", dir.toString());
        }
    }

    static void writable(Path dir) throws IOException {
        if (root()) {
            run("chattr", "-i", dir.toString());
        } else {
            run("chmod", "u+w", dir.toString());
        }
    }

    /** Why {@link #unwritable} does not work here, or empty when it does (tried on a scratch directory). */
    static Optional<String> whyNotUnwritable(Path scratch) {
        try {
            Files.createDirectories(scratch);
            unwritable(scratch);
            try {
                Files.createFile(scratch.resolve("probe"));
                return Optional.of("this machine lets the test user write into a directory made unwritable ("
                        + (root() ? "chattr +i" : "chmod a-w") + ")");
            } catch (IOException refused) {
                return Optional.empty();
            } finally {
                writable(scratch);
            }
        } catch (IOException e) {
            return Optional.of("cannot make a directory unwritable here: " + e.getMessage());
        }
    }

    static void run(String... command) throws IOException {
        output(command);
    }

    private static String output(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }

    /** Tries once per test run whether a tmpfs can be mounted. */
    private static final class Probe {
        static final Optional<String> WHY = probe();

        private static Optional<String> probe() {
            if (!root()) {
                return Optional.of("mounting a small filesystem needs root (id -u is not 0)");
            }
            Path dir = Path.of("target", "small-disk-probe-" + ProcessHandle.current().pid()).toAbsolutePath();
            try (SmallDisk disk = mount(dir, 1 << 20)) {
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of("this machine does not let the test mount a tmpfs: " + e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // left in target/
                }
            }
        }
    }

    /** Text for filling a disk: made-up words, no participant's text. */
    static String filler(int words, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 3 + random.nextInt(6); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(16)));
            }
            vocabulary.add(word.toString());
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(i % 40 == 39 ? "\n\n" : " ");
        }
        return text.toString();
    }
}
