package app.margin.jvm;

import com.sun.management.VMOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which of the JVM's writable ("manageable") heap options Margin sets on itself, so that an idle Margin gives back
 * the heap a burst of work made it take, without anyone typing JVM options (a packaged jar cannot carry them).
 *
 * <p>Measured on the 2-core, 24 GB machine (README "Start-up and memory"): with the JVM's defaults the heap is sized
 * from the machine's memory and stays as large as the largest burst made it (576 MB resident after the workload
 * benchmark, also after idling); the free-ratio pair below lets the collector shrink the heap to about 1.4× what is
 * live, and G1's periodic collection makes an idle process run the collection that shrinks it.
 *
 * <p>An option someone set on the command line (or in {@code JAVA_TOOL_OPTIONS}) is theirs: only options still at
 * the JVM's default are changed.
 */
final class IdleHeapPolicy {
    /** Grow the heap when less than this share of it is free after a collection (JVM default 40). */
    static final String MIN_FREE = "MinHeapFreeRatio";
    /** Shrink the heap when more than this share of it is free after a collection (JVM default 70). */
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final String PERIODIC = "G1PeriodicGCInterval";
    static final String G1 = "UseG1GC";
    static final List<String> OPTIONS = List.of(MIN_FREE, MAX_FREE, PERIODIC, G1);

    static final int MIN_FREE_PERCENT = 10;
    static final int MAX_FREE_PERCENT = 30;

    /** One option to set, in this order (the JVM refuses a minimum above the current maximum, and the reverse). */
    record Setting(String option, String value) {
    }

    private IdleHeapPolicy() {
    }

    /**
     * @param current the options in {@link #OPTIONS} as the JVM reports them (absent: this JVM lacks it)
     * @param idleCollection how long an idle G1 waits before its periodic collection; zero for none
     */
    static List<Setting> settings(Map<String, VMOption> current, Duration idleCollection) {
        List<Setting> settings = new ArrayList<>();
        if (untouched(current.get(MIN_FREE)) && untouched(current.get(MAX_FREE))) {
            // Lower the minimum first: the new maximum (30) is below the default minimum (40).
            settings.add(new Setting(MIN_FREE, Integer.toString(MIN_FREE_PERCENT)));
            settings.add(new Setting(MAX_FREE, Integer.toString(MAX_FREE_PERCENT)));
        }
        VMOption g1 = current.get(G1);
        boolean onG1 = g1 != null && "true".equals(g1.getValue());
        if (onG1 && !idleCollection.isZero() && untouched(current.get(PERIODIC))) {
            settings.add(new Setting(PERIODIC, Long.toString(idleCollection.toMillis())));
        }
        return settings;
    }

    private static boolean untouched(VMOption option) {
        return option != null && option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT;
    }
}
