package app.margin.jvm;

import app.margin.config.MarginConfig;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies {@link IdleHeapPolicy} when Margin starts, on a thread of its own: the management beans it needs are not
 * loaded otherwise, and loading them must not add to the time until Margin is ready.
 */
@ApplicationScoped
class IdleHeapSetup {
    private final MarginConfig config;

    IdleHeapSetup(MarginConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("margin-idle-heap").daemon().start(this::apply);
    }

    void apply() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            Map<String, VMOption> current = new HashMap<>();
            for (String name : IdleHeapPolicy.OPTIONS) {
                try {
                    current.put(name, hotspot.getVMOption(name));
                } catch (IllegalArgumentException absent) {
                    // another JVM than HotSpot, or one without this option
                }
            }
            for (IdleHeapPolicy.Setting setting : IdleHeapPolicy.settings(current, config.idleHeapCollection())) {
                hotspot.setVMOption(setting.option(), setting.value());
                Log.debugf("JVM option %s set to %s", setting.option(), setting.value());
            }
        } catch (RuntimeException | LinkageError e) {
            // Memory use only: Margin works the same with the JVM's defaults.
            Log.infof("Heap options left at the JVM's defaults (%s)", e.getClass().getSimpleName());
        }
    }
}
