package app.margin.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The load command's options, from system properties ({@code -Dload.…} on the Maven command line).
 *
 * @param url a running Margin to load instead of starting the packaged one (loopback only), or null
 * @param seconds how long the coders work; at most {@link #MAX_SECONDS}
 * @param warmupSeconds the first part of it, left out of the latency figures (a fresh JVM compiles its hot code);
 *     15 s, or a quarter of a shorter run
 * @param thinkMillis a coder's mean pause between two actions (each pause is uniform in ½…1½ of it)
 */
record LoadOptions(URI url, String adminUser, String adminPassword, int port, int seconds, int warmupSeconds,
        int coders, int documents, int words, int codes, int thinkMillis, long seed, Path jfr, List<String> serverArgs,
        Path jar) {
    static final int MAX_SECONDS = 60;
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    static LoadOptions from(Map<String, String> p) {
        String url = p.get("load.url");
        int seconds = intOf(p, "load.seconds", MAX_SECONDS);
        if (seconds < 1) {
            throw new IllegalArgumentException("load.seconds must be at least 1 (it was " + seconds + ").");
        }
        int warmup = intOf(p, "load.warmup", Math.min(15, Math.min(seconds, MAX_SECONDS) / 4));
        if (warmup < 0 || warmup >= Math.min(seconds, MAX_SECONDS)) {
            throw new IllegalArgumentException("load.warmup must be at least 0 and shorter than the run (" + warmup
                    + " s of " + Math.min(seconds, MAX_SECONDS) + " s).");
        }
        String jfr = p.getOrDefault("load.jfr", "");
        String password = p.getOrDefault("load.adminPassword", p.getOrDefault("env.MARGIN_ADMIN_PASSWORD", ""));
        LoadOptions options = new LoadOptions(url == null || url.isBlank() ? null : loopbackOnly(url),
                p.getOrDefault("load.adminUser", "admin"), password, intOf(p, "load.port", 0),
                Math.min(seconds, MAX_SECONDS), warmup, positive(p, "load.coders", 50), positive(p, "load.documents", 5),
                positive(p, "load.words", 4000), positive(p, "load.codes", 20), intOf(p, "load.thinkMs", 500),
                Long.parseLong(p.getOrDefault("load.seed", "42")),
                jfr.isBlank() || jfr.equals("false") ? null : Path.of(jfr.equals("true") ? "target/load/margin.jfr" : jfr),
                Arrays.stream(p.getOrDefault("load.serverArgs", "").trim().split("\\s+")).filter(a -> !a.isEmpty())
                        .toList(),
                Path.of(p.getOrDefault("load.jar", PackagedMargin.JAR.toString())));
        if (options.url() != null && options.adminPassword().isEmpty()) {
            throw new IllegalArgumentException("load.url needs the admin password of that Margin: "
                    + "-Dload.adminPassword=… (or MARGIN_ADMIN_PASSWORD in the environment).");
        }
        return options;
    }

    /** True when load.seconds asked for more than the cap (the run is then cut to the cap, and says so). */
    static boolean capped(Map<String, String> p) {
        return intOf(p, "load.seconds", MAX_SECONDS) > MAX_SECONDS;
    }

    /**
     * The load only ever goes to this machine: a URL whose host is not a loopback address written out (127.x.x.x,
     * {@code localhost}, {@code [::1]}) is refused before anything is sent; names are not looked up.
     */
    static URI loopbackOnly(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load.url is not a URL: " + url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches();
        if (!"http".equals(uri.getScheme()) || !loopback || uri.getPort() < 1) {
            throw new IllegalArgumentException("The load command only loads a Margin on this machine: load.url must be "
                    + "http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT, not " + url + ".");
        }
        return URI.create("http://" + host + ":" + uri.getPort());
    }

    private static int intOf(Map<String, String> p, String key, int fallback) {
        String value = p.get(key);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number (it was " + value + ").");
        }
    }

    private static int positive(Map<String, String> p, String key, int fallback) {
        int value = intOf(p, key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1 (it was " + value + ").");
        }
        return value;
    }
}
