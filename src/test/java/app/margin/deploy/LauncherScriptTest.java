package app.margin.deploy;

import app.margin.support.DatabaseIndependent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./margin} launcher: which JVM options it gives the packaged jar on a JDK 21 and on a JDK 25, run against
 * a stand-in {@code java} that prints the arguments it got.
 */
@DatabaseIndependent
class LauncherScriptTest {
    static final Path SCRIPT = Path.of("margin").toAbsolutePath();
    static final List<String> SMALL_HEAP = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");

    @TempDir
    Path dir;
    Path app;
    Path javaHome;

    @BeforeEach
    void standIns() throws IOException {
        assumeTrue(Files.exists(Path.of("/bin/sh")), "a POSIX shell");
        app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.createDirectories(app.resolve("lib"));
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        Files.writeString(app.resolve("lib").resolve("dependency.jar"), "");
        javaHome = dir.resolve("jdk");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        // -XshowSettings answers as the JDK named in FAKE_JDK does; anything else prints its arguments, one a line.
        Files.writeString(java, """
                #!/bin/sh
                case "$1" in -XshowSettings:properties) echo "    java.specification.version = $FAKE_JDK" >&2; exit 0;; esac
                for a in "$@"; do echo "$a"; done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void onJdk21TheJarGetsTheSmallHeapOptionsAndNoAotCache() throws Exception {
        List<String> args = launch("21", Map.of());
        assertEquals(concat(SMALL_HEAP, List.of("-jar", app.resolve("quarkus-run.jar").toString())), args);
    }

    @Test
    void onJdk25TheFirstStartRecordsTheAotCacheAndTheNextUsesIt() throws Exception {
        Path cache = app.resolve("margin.aot");
        assertTrue(launch("25", Map.of()).contains("-XX:AOTCacheOutput=" + cache));

        Files.writeString(cache, "recorded");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(5)));
        List<String> args = launch("25", Map.of());
        assertTrue(args.contains("-XX:AOTCache=" + cache), args.toString());
        assertTrue(args.containsAll(SMALL_HEAP));
    }

    @Test
    void aCacheOlderThanTheBuildIsRecordedAgain() throws Exception {
        Path cache = app.resolve("margin.aot");
        Files.writeString(cache, "from the build before");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(60)));
        assertTrue(launch("25", Map.of()).contains("-XX:AOTCacheOutput=" + cache));
        assertFalse(Files.exists(cache), "the stale cache is removed");
    }

    @Test
    void ownOptionsComeLastAndMarginsArgumentsPassWithoutACacheRecording() throws Exception {
        List<String> args = launch("25", Map.of("JAVA_OPTS", "-Xmx2g"), "restore", "backup.zip", "new-data");
        assertEquals(concat(SMALL_HEAP, List.of("-Xmx2g", "-jar", app.resolve("quarkus-run.jar").toString(),
                "restore", "backup.zip", "new-data")), args);
    }

    @Test
    void marginAotFalseLeavesTheCacheOut() throws Exception {
        assertTrue(launch("25", Map.of("MARGIN_AOT", "false")).stream().noneMatch(a -> a.startsWith("-XX:AOT")));
    }

    private List<String> launch(String jdk, Map<String, String> env, String... margin) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(Arrays.asList(margin));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("MARGIN_APP", app.toString());
        builder.environment().put("FAKE_JDK", jdk);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("MARGIN_AOT");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
