package app.margin.search;

import org.apache.lucene.analysis.Analyzer;

/**
 * Margin's own analyzers for the benchmark's plain-Lucene baseline (bench.RawLucene), so the baseline analyses text
 * exactly as Margin does; {@link TextAnalyzers} itself stays package-private.
 */
public final class BenchmarkAnalyzers {
    public static final String TEXT = IndexFields.TEXT;

    private BenchmarkAnalyzers() {
    }

    public static Analyzer forIndex() {
        return TextAnalyzers.forIndex();
    }

    public static Analyzer forQuery() {
        return TextAnalyzers.forQuery();
    }
}
