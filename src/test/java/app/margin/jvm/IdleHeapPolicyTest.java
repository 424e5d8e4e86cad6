package app.margin.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.jvm.IdleHeapPolicy.Setting;
import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleHeapPolicyTest {

    private static Map<String, VMOption> jvm(Origin ratios, boolean g1, Origin periodic) {
        Map<String, VMOption> options = new HashMap<>();
        options.put(IdleHeapPolicy.MIN_FREE, new VMOption(IdleHeapPolicy.MIN_FREE, "40", true, ratios));
        options.put(IdleHeapPolicy.MAX_FREE, new VMOption(IdleHeapPolicy.MAX_FREE, "70", true, ratios));
        options.put(IdleHeapPolicy.G1, new VMOption(IdleHeapPolicy.G1, Boolean.toString(g1), false, Origin.ERGONOMIC));
        options.put(IdleHeapPolicy.PERIODIC, new VMOption(IdleHeapPolicy.PERIODIC, "0", true, periodic));
        return options;
    }

    @Test
    void aJvmStartedWithoutOptionsShrinksItsHeapAndCollectsWhenIdle() {
        assertEquals(List.of(new Setting("MinHeapFreeRatio", "10"), new Setting("MaxHeapFreeRatio", "30"),
                new Setting("G1PeriodicGCInterval", "15000")),
                IdleHeapPolicy.settings(jvm(Origin.DEFAULT, true, Origin.DEFAULT), Duration.ofSeconds(15)));
    }

    @Test
    void optionsSomeoneChoseAreLeftAlone() {
        assertEquals(List.of(),
                IdleHeapPolicy.settings(jvm(Origin.VM_CREATION, true, Origin.ENVIRON_VAR), Duration.ofSeconds(15)));
    }

    @Test
    void oneRatioChosenOnTheCommandLineKeepsBothAsTheyAre() {
        Map<String, VMOption> options = jvm(Origin.DEFAULT, true, Origin.DEFAULT);
        options.put(IdleHeapPolicy.MAX_FREE, new VMOption(IdleHeapPolicy.MAX_FREE, "50", true, Origin.VM_CREATION));
        assertEquals(List.of(new Setting("G1PeriodicGCInterval", "15000")),
                IdleHeapPolicy.settings(options, Duration.ofSeconds(15)));
    }

    @Test
    void otherCollectorsGetTheRatiosButNoPeriodicCollection() {
        assertEquals(List.of("MinHeapFreeRatio", "MaxHeapFreeRatio"), options(
                IdleHeapPolicy.settings(jvm(Origin.DEFAULT, false, Origin.DEFAULT), Duration.ofSeconds(15))));
    }

    @Test
    void zeroTurnsThePeriodicCollectionOff() {
        assertEquals(List.of("MinHeapFreeRatio", "MaxHeapFreeRatio"),
                options(IdleHeapPolicy.settings(jvm(Origin.DEFAULT, true, Origin.DEFAULT), Duration.ZERO)));
    }

    @Test
    void aJvmWithoutTheseOptionsGetsNothing() {
        assertEquals(List.of(), IdleHeapPolicy.settings(Map.of(), Duration.ofSeconds(15)));
    }

    private static List<String> options(List<Setting> settings) {
        return settings.stream().map(Setting::option).toList();
    }
}
