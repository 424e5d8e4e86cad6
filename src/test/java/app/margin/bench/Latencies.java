package app.margin.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies and answer statuses of one kind of request, recorded by many threads. Percentiles are nearest-rank
 * ({@code ceil(p * n)}-th smallest), so p99 of 100 samples is the 99th smallest and never an interpolated value
 * that no request took.
 */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    synchronized void record(long elapsedNanos, int status) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
        statuses.merge(status, 1, Integer::sum);
    }

    /** Adds another kind's samples to this one (for a total over several kinds). */
    synchronized void addAll(Latencies other) {
        Snapshot theirs = other.snapshot();
        for (long n : theirs.sorted) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, Math.max(16, count * 2));
            }
            nanos[count++] = n;
        }
        theirs.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum));
    }

    synchronized Snapshot snapshot() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Snapshot(sorted, new TreeMap<>(statuses));
    }

    /** Sorted samples and status counts at one moment. Status 0 means no answer (timeout, refused connection). */
    record Snapshot(long[] sorted, Map<Integer, Integer> statuses) {
        int count() {
            return sorted.length;
        }

        /** The nearest-rank percentile in milliseconds, {@code p} in (0, 1]; 0 without samples. */
        double percentileMillis(double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
        }

        double maxMillis() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        }

        /** Statuses as "201×812 409×3". */
        String statusLine() {
            StringBuilder line = new StringBuilder();
            statuses.forEach((status, n) -> line.append(line.isEmpty() ? "" : " ")
                    .append(status == 0 ? "no-answer" : status).append('×').append(n));
            return line.toString();
        }
    }
}
