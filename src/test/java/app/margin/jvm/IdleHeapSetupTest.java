package app.margin.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The running Margin has set its heap options on its own JVM (the test JVM is started without them). */
@QuarkusTest
class IdleHeapSetupTest {
    @Inject
    IdleHeapSetup setup;

    @Test
    void theJvmMarginRunsInGivesBackIdleHeap() {
        setup.apply(); // also done at start, on a thread of its own; applying twice changes nothing
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals("10", hotspot.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals("30", hotspot.getVMOption("MaxHeapFreeRatio").getValue());
        if ("true".equals(hotspot.getVMOption("UseG1GC").getValue())) {
            assertEquals("15000", hotspot.getVMOption("G1PeriodicGCInterval").getValue());
        }
    }
}
