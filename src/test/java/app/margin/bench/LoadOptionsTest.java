package app.margin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    @Test
    void onlyLoopbackAddressesWrittenOutAreLoaded() {
        assertEquals(URI.create("http://127.0.0.1:8080"), LoadOptions.loopbackOnly("http://127.0.0.1:8080/"));
        assertEquals(URI.create("http://localhost:18300"), LoadOptions.loopbackOnly(" http://LOCALHOST:18300 "));
        assertEquals(URI.create("http://[::1]:9000"), LoadOptions.loopbackOnly("http://[::1]:9000"));
        assertEquals(URI.create("http://127.2.3.4:81"), LoadOptions.loopbackOnly("http://127.2.3.4:81"));
        for (String refused : new String[] {"http://10.0.0.5:8080", "http://192.168.1.2:8080", "http://example.org:80",
            "http://127.0.0.1.example.org:80", "https://127.0.0.1:8443", "http://127.0.0.1", "127.0.0.1:8080",
            "http://[::2]:8080", "http://0.0.0.0:8080"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadOptions.loopbackOnly(refused),
                    refused);
            assertTrue(e.getMessage().contains("only loads a Margin on this machine") || e.getMessage().contains("not a URL"),
                    e.getMessage());
        }
    }

    @Test
    void defaultsAndTheCapOfSixtySeconds() {
        LoadOptions defaults = LoadOptions.from(Map.of());
        assertNull(defaults.url());
        assertEquals(60, defaults.seconds());
        assertEquals(15, defaults.warmupSeconds());
        assertEquals(50, defaults.coders());
        assertEquals(500, defaults.thinkMillis());
        assertNull(defaults.jfr());
        Map<String, String> tooLong = Map.of("load.seconds", "600");
        assertEquals(60, LoadOptions.from(tooLong).seconds());
        assertTrue(LoadOptions.capped(tooLong));
        assertEquals(20, LoadOptions.from(Map.of("load.seconds", "20", "load.warmup", "5")).seconds());
    }

    @Test
    void badOptionsAreRefusedWithWhatToChange() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.from(Map.of("load.seconds", "0")));
        assertEquals(2, LoadOptions.from(Map.of("load.seconds", "10")).warmupSeconds(), "a quarter of a short run");
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.from(Map.of("load.seconds", "10",
                "load.warmup", "10")), "a warm-up as long as the run leaves nothing to measure");
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.from(Map.of("load.coders", "many")));
        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.from(Map.of("load.url", "http://127.0.0.1:8080")));
        assertTrue(noPassword.getMessage().contains("load.adminPassword"), noPassword.getMessage());
        assertEquals("pw", LoadOptions.from(Map.of("load.url", "http://127.0.0.1:8080",
                "env.MARGIN_ADMIN_PASSWORD", "pw")).adminPassword());
    }
}
