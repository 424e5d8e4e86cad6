package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void numbersKeysInOrderOfArrivalThroughManyResizes() {
        LongIntMap map = new LongIntMap(1);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int n = 0; n < 50_000; n++) {
            long key = switch (n % 4) {
                case 0 -> n;                                // sequential ids
                case 1 -> -n;                               // negative ids
                case 2 -> (long) n << 32;                   // only high bits differ
                default -> random.nextLong(1_000);          // repeats
            };
            Integer known = expected.putIfAbsent(key, expected.size());
            assertEquals(known == null ? expected.size() - 1 : known, map.indexOf(key));
        }
        assertEquals(expected.size(), map.size());
        expected.forEach((key, value) -> assertEquals(value, map.get(key)));
        assertEquals(LongIntMap.MISSING, map.get(Long.MIN_VALUE));
        assertEquals(LongIntMap.MISSING, map.get(1L << 62));
    }
}
