package app.margin.exchange;

import app.margin.coding.CodingLayer;
import java.util.List;
import java.util.Map;

/** Request and response records of exports and REFI-QDA exchange. */
public final class ExchangeDtos {
    private ExchangeDtos() {
    }

    /**
     * Which coded segments to export. Every list may be empty (= no restriction).
     *
     * @param codeIds      codes to export; with {@code subcodes} their sub-codes too
     * @param documentIds  documents to export from
     * @param attributes   case (or document) attribute filters: name → accepted values; names are AND-ed, values OR-ed
     * @param layer        MASTER (default) or CODER
     * @param coder        with layer CODER: whose layer (supervisors and owners may name anyone; others only themselves)
     * @param citeWith     attribute names that make up a quote's citation; "case" is the case name; empty = the case
     *                     name followed by all of its attributes
     * @param query        a search query in Margin's query language ({@code q=}): only the codings whose segments
     *                     it finds; null or blank for all
     */
    public record SegmentFilter(List<Long> codeIds, boolean subcodes, List<Long> documentIds,
            Map<String, List<String>> attributes, CodingLayer layer, String coder, List<String> citeWith, String query) {
        public SegmentFilter {
            codeIds = codeIds == null ? List.of() : List.copyOf(codeIds);
            documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            layer = layer == null ? CodingLayer.MASTER : layer;
            citeWith = citeWith == null ? List.of() : List.copyOf(citeWith);
        }

        public SegmentFilter withQuery(String q) {
            return new SegmentFilter(codeIds, subcodes, documentIds, attributes, layer, coder, citeWith, q);
        }
    }

    /**
     * One exported quote.
     *
     * @param quoteId   stable id "Q-&lt;coding id&gt;": the same coding always gets the same quote id
     * @param unit      1-based number of the speaker turn / paragraph the quote starts in, or null
     * @param timestamp the turn's time stamp ("00:12:05"), or null
     * @param start     UTF-16 offset in the document, as everywhere in Margin's API
     */
    public record Quote(String quoteId, long codingId, long codeId, String codePath, long documentId,
            String documentTitle, String caseName, String speaker, Integer unit, String timestamp, int start, int end,
            String coder, CodingLayer layer, String citation, String text) {
    }

    /** A code section of a segment export: the code, its definition and its quotes. */
    public record CodeSection(long codeId, String path, String definition, List<Quote> quotes) {
    }

    /** What a segment export contains. */
    public record SegmentExport(String projectName, SegmentFilter filter, List<CodeSection> sections) {
        public List<Quote> quotes() {
            return sections.stream().flatMap(s -> s.quotes().stream()).toList();
        }
    }

    /** What a .qdpx import brought in and what it could not. */
    public record ImportReport(String origin, int users, int codes, int sources, int codings, int notes, int cases,
            int variables, List<String> coders, List<String> skipped, List<String> warnings) {
    }

    /** 201 answer of an import. */
    public record ImportResult(long projectId, ImportReport report) {
    }

    /** A long export or import running in the background. */
    public record JobView(String id, String kind, String state, int progress, String message, String fileName,
            Object result, Map<String, Object> problem) {
    }
}
