package app.margin.analysis;

import java.util.List;

/** Responses of the co-occurrence endpoints: matrices with their row and column labels. */
public final class AnalysisDtos {
    private AnalysisDtos() {
    }

    public record CodeLabel(long id, String name, String path, String color) {
    }

    public record DocumentLabel(long id, String title) {
    }

    /** Code × code: {@code matrix} counts segment pairs, {@code documents} the documents holding such pairs. */
    public record CooccurrenceView(String mode, String unit, int distance, String q, int segments, List<CodeLabel> codes,
            long[][] matrix, long[][] documents) {
    }

    /** One segment of a counted pair: its coding, its place in the document and (the start of) its text. */
    public record PairSegment(long codingId, int start, int end, String text) {
    }

    /** One pair a code × code cell counted: two segments in one document and one layer (MASTER, or CODER and coder). */
    public record CellPair(long documentId, String documentTitle, String layer, String coder, PairSegment first,
            PairSegment second) {
    }

    /**
     * What one off-diagonal code × code cell counted: {@code total} is the cell's segment pairs and {@code documents}
     * its document count, with the same mode, unit, distance and query; {@code pairs} lists the first {@code limit}
     * of them, by document and place.
     */
    public record CellPairsView(String mode, String unit, int distance, String q, CodeLabel first, CodeLabel second,
            long total, long documents, List<CellPair> pairs) {
    }

    public record AttributeMatrixView(String attribute, String q, List<CodeLabel> codes, List<String> values,
            long[][] segments, long[][] documents, double[][] rowPercent, double[][] columnPercent) {
    }

    /** Words over-represented in a code's segments: counts in the segments and in the rest, and G². */
    public record KeywordsView(long codeId, String code, String q, long codeWords, long restWords, List<KeyTerm> words) {
    }

    public record DocumentMatrixView(String q, List<CodeLabel> codes, List<DocumentLabel> documents, long[][] segments,
            double[][] rowPercent, double[][] columnPercent) {
    }
}
