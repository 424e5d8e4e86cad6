package app.margin.agreement;

import app.margin.text.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement of an agreement round: several coders, codes and documents, every coder taken to have read every
 * document. For each code and each unit of analysis, each coder either applied the code (one of their segments
 * overlaps the unit) or did not; percent agreement, κ and nominal α are computed on these presence/absence values
 * (see {@link PresenceTable}) and pooled overall, per code, per document and per coder pair. Unitizing α
 * ({@link UnitizingAlpha}) is computed per code on the characters of the documents laid end to end, so a supervisor
 * sees whether coders mark the same stretches, not only the same units.
 */
public final class RoundAgreement {
    private RoundAgreement() {
    }

    /** A document of the round: its length and, for units other than characters, its units of analysis. */
    public record Text(long documentId, int length, List<Segment> units) {
    }

    /** One coder's coding: coder is the index into the round's coder list. */
    public record Coded(long documentId, long codeId, int coder, int start, int end) {
    }

    /** What a figure is about: the whole round, one code, one document or one coder pair (then codeId is optional). */
    public enum Scope { OVERALL, CODE, DOCUMENT, PAIR }

    /**
     * One row of the coefficient table.
     *
     * @param coders the coders behind the figure (names)
     * @param unitizingAlpha |uα over the characters (per code only, else null)
     */
    public record Figure(Scope scope, Long codeId, Long documentId, List<String> coders, long units,
            int coderCount, Double percentAgreement, String kappaKind, Double kappa, Double alpha,
            Interpretation interpretation, Double unitizingAlpha, Interpretation unitizingInterpretation,
            List<String> notes) {
    }

    /**
     * @param unit the unit of analysis; for anything but CHARACTER every {@link Text} carries its units
     * @param coderNames the round's coders, 2 to {@link PresenceTable#MAX_CODERS}
     * @param codeIds the round's codes (codings of other codes are ignored)
     */
    public static List<Figure> compute(UnitOfAnalysis unit, List<String> coderNames, List<Long> codeIds,
            List<Text> texts, List<Coded> codings) {
        int m = coderNames.size();
        java.util.Set<Long> inRound = new java.util.HashSet<>(codeIds);
        Map<Long, Map<Long, List<List<Segment>>>> byDocumentAndCode = new HashMap<>();
        for (Coded c : codings) {
            if (!inRound.contains(c.codeId()) || c.coder() < 0 || c.coder() >= m || c.end() <= c.start()) {
                continue;
            }
            byDocumentAndCode.computeIfAbsent(c.documentId(), d -> new HashMap<>())
                    .computeIfAbsent(c.codeId(), k -> emptyLists(m)).get(c.coder()).add(new Segment(c.start(), c.end()));
        }
        PresenceTable overall = new PresenceTable(m);
        Map<Long, PresenceTable> perCode = new LinkedHashMap<>();
        Map<Long, PresenceTable> perDocument = new LinkedHashMap<>();
        Map<Long, List<List<Segment>>> continuumPerCode = new LinkedHashMap<>();
        codeIds.forEach(code -> {
            perCode.put(code, new PresenceTable(m));
            continuumPerCode.put(code, emptyLists(m));
        });
        long offset = 0;
        PresenceTable tally = new PresenceTable(m); // reused for every (document, code)
        for (Text text : texts) {
            PresenceTable document = new PresenceTable(m);
            PresenceTable.Units units = unit == UnitOfAnalysis.CHARACTER ? null : new PresenceTable.Units(text.units());
            List<List<Segment>> none = emptyLists(m);
            Map<Long, List<List<Segment>>> codes = byDocumentAndCode.getOrDefault(text.documentId(), Map.of());
            for (long code : codeIds) {
                List<List<Segment>> segments = codes.getOrDefault(code, none);
                tally.clear();
                if (unit == UnitOfAnalysis.CHARACTER) {
                    tally.addCharacters(text.length(), segments);
                } else {
                    tally.addUnits(units, segments);
                }
                document.addAll(tally);
                perCode.get(code).addAll(tally);
                List<List<Segment>> continuum = continuumPerCode.get(code);
                for (int c = 0; c < m; c++) {
                    for (Segment s : segments.get(c)) {
                        long end = Math.min(s.end(), text.length());
                        if (s.start() < end) {
                            continuum.get(c).add(new Segment(offset + s.start(), offset + end));
                        }
                    }
                }
            }
            overall.addAll(document);
            perDocument.put(text.documentId(), document);
            offset += text.length();
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(figure(Scope.OVERALL, null, null, coderNames, overall, null));
        for (long code : codeIds) {
            UnitizingAlpha.Result unitizing = offset == 0 ? null
                    : UnitizingAlpha.compute(offset, continuumPerCode.get(code));
            figures.add(figure(Scope.CODE, code, null, coderNames, perCode.get(code), unitizing));
        }
        perDocument.forEach((doc, table) -> figures.add(figure(Scope.DOCUMENT, null, doc, coderNames, table, null)));
        if (m > 2) {
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    figures.add(figure(Scope.PAIR, null, null, List.of(coderNames.get(i), coderNames.get(j)),
                            overall.pair(i, j), null));
                }
            }
        }
        return figures;
    }

    private static Figure figure(Scope scope, Long code, Long document, List<String> coders, PresenceTable table,
            UnitizingAlpha.Result unitizing) {
        PresenceTable.Figures f = table.figures();
        List<String> notes = new ArrayList<>(f.notes());
        Double u = unitizing == null ? null : unitizing.alpha();
        if (unitizing != null && unitizing.reason() != null) {
            notes.add("unitizing α: " + unitizing.reason());
        }
        return new Figure(scope, code, document, coders, f.units(), f.coders(), f.percentAgreement(), f.kappaKind(),
                f.kappa(), f.alpha(), Interpretation.of(f.alpha()), u, unitizing == null ? null : Interpretation.of(u),
                notes);
    }

    private static List<List<Segment>> emptyLists(int m) {
        List<List<Segment>> lists = new ArrayList<>(m);
        for (int c = 0; c < m; c++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }
}
