package app.margin.exchange;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodebookService;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingLayer;
import app.margin.coding.CodingService;
import app.margin.corpus.AttributeNames;
import app.margin.corpus.Document;
import app.margin.corpus.DocumentUnit;
import app.margin.corpus.ResearchCase;
import app.margin.corpus.Timestamps;
import app.margin.exchange.ExchangeDtos.CodeSection;
import app.margin.exchange.ExchangeDtos.Quote;
import app.margin.exchange.ExchangeDtos.SegmentExport;
import app.margin.exchange.ExchangeDtos.SegmentFilter;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.problem.ProblemException;
import app.margin.project.Project;
import app.margin.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the coded segments a researcher quotes in a paper. Codings come from {@link CodingService#list}, so
 * layer visibility and access are exactly those of the rest of the API.
 */
@ApplicationScoped
public class SegmentExportService {
    /** The pseudo attribute that stands for the case's name in a citation list. */
    static final String CASE = "case";
    /** How many documents' texts are held at once while their segments are quoted. */
    static final int DOCUMENTS_PER_READ = 50;

    /** A document's turn, read without its entity (nothing for the session to keep). */
    public record Turn(long documentId, int seq, int startOffset, int endOffset, String speaker, Long timeMs) {
        /**
         * The turn holding {@code offset}, or null. A document's turns follow each other without overlapping (the
         * importer cuts the text into consecutive units), so the last one starting at or before it is the one.
         */
        static Turn containing(List<Turn> turns, int offset) {
            int low = 0;
            int high = turns.size() - 1;
            while (low <= high) { // the last turn starting at or before offset
                int mid = (low + high) >>> 1;
                if (turns.get(mid).startOffset() <= offset) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return high >= 0 && offset < turns.get(high).endOffset() ? turns.get(high) : null;
        }
    }

    private final ProjectAccess access;
    private final CodingService codings;
    private final CodebookService codebook;
    private final SearchService search;

    SegmentExportService(ProjectAccess access, CodingService codings, CodebookService codebook, SearchService search) {
        this.search = search;
        this.access = access;
        this.codings = codings;
        this.codebook = codebook;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SegmentExport export(long projectId, SegmentFilter filter) {
        access.require(projectId, Permission.READ);
        Set<Long> matching = filter.query() == null || filter.query().isBlank() ? null
                : search.matchingCodingIds(projectId, filter.query());
        if (filter.layer() == CodingLayer.MASTER && filter.coder() != null && !filter.coder().isBlank()) {
            throw ProblemException.badRequest("A coder can only be chosen with layer=CODER; the master layer has no coder filter.");
        }
        List<CodeView> codes = codebook.list(projectId);
        Map<Long, CodeView> codeById = new LinkedHashMap<>();
        codes.forEach(c -> codeById.put(c.id(), c));
        Set<Long> chosenCodes = chosenCodes(codes, codeById, filter);
        Set<Long> chosenDocuments = new HashSet<>(filter.documentIds());
        for (Long id : chosenDocuments) {
            Document doc = Document.findById(id);
            if (doc == null || doc.projectId != projectId) {
                throw ProblemException.badRequest("There is no document " + id + " in this project (documentId).");
            }
        }
        List<CodingView> visible = codings.listOfCodes(projectId, null, filter.codeIds().isEmpty() ? null : chosenCodes,
                filter.coder(), filter.layer());
        // codings come in document order: documents are read a chunk at a time, all at once (one query for the
        // chunk's documents, one for their turns: reading them one by one was 2 queries per document, most of the
        // time of a one-code export), and let go once quoted, so a whole-project export does not hold every text
        Map<Long, List<CodingView>> byDocument = new LinkedHashMap<>();
        for (CodingView c : visible) {
            if (chosenCodes.contains(c.codeId()) && (matching == null || matching.contains(c.id()))
                    && (chosenDocuments.isEmpty() || chosenDocuments.contains(c.documentId()))) {
                byDocument.computeIfAbsent(c.documentId(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Long> documentIds = new ArrayList<>(byDocument.keySet());
        Map<Long, ResearchCase> cases = new HashMap<>();
        Map<Long, List<Quote>> quotesByCode = new LinkedHashMap<>();
        for (int from = 0; from < documentIds.size(); from += DOCUMENTS_PER_READ) {
            List<Long> chunk = documentIds.subList(from, Math.min(documentIds.size(), from + DOCUMENTS_PER_READ));
            List<Document> documents = Document.list("id in ?1", chunk);
            List<Long> missingCases = documents.stream().map(d -> d.caseId)
                    .filter(id -> id != null && !cases.containsKey(id)).distinct().toList();
            if (!missingCases.isEmpty()) {
                ResearchCase.<ResearchCase>list("id in ?1", missingCases).forEach(rc -> cases.put(rc.id, rc));
            }
            Map<Long, List<Turn>> turns = new HashMap<>();
            DocumentUnit.find("documentId in ?1 order by documentId, seq", chunk).project(Turn.class).list()
                    .forEach(t -> turns.computeIfAbsent(t.documentId(), k -> new ArrayList<>()).add(t));
            for (Document doc : documents) {
                ResearchCase rc = doc.caseId == null ? null : cases.get(doc.caseId);
                if (matches(filter.attributes(), doc, rc)) {
                    List<Turn> docTurns = turns.getOrDefault(doc.id, List.of());
                    for (CodingView c : byDocument.get(doc.id)) {
                        Turn unit = Turn.containing(docTurns, c.start());
                        quotesByCode.computeIfAbsent(c.codeId(), k -> new ArrayList<>()).add(new Quote("Q-" + c.id(),
                                c.id(), c.codeId(), codeById.get(c.codeId()).path(), doc.id, doc.title,
                                rc == null ? null : rc.name, unit == null ? null : unit.speaker(),
                                unit == null ? null : unit.seq() + 1,
                                unit == null || unit.timeMs() == null ? null : Timestamps.format(unit.timeMs()), c.start(),
                                c.end(), c.coder(), c.layer(), citation(filter.citeWith(), doc, rc),
                                doc.text.substring(c.start(), c.end())));
                    }
                }
                Document.getEntityManager().detach(doc); // quoted: its text is not needed any more
            }
        }
        List<CodeSection> sections = new ArrayList<>();
        for (CodeView code : codes) {
            if (!chosenCodes.contains(code.id())) {
                continue;
            }
            List<Quote> quotes = new ArrayList<>(quotesByCode.getOrDefault(code.id(), List.of()));
            quotes.sort(Comparator.comparing(Quote::documentTitle).thenComparing(Quote::documentId)
                    .thenComparingInt(Quote::start).thenComparingInt(Quote::end).thenComparingLong(Quote::codingId));
            sections.add(new CodeSection(code.id(), code.path(), code.definition(), quotes));
        }
        Project project = Project.findById(projectId);
        return new SegmentExport(project.name, filter, sections);
    }

    private static Set<Long> chosenCodes(List<CodeView> codes, Map<Long, CodeView> codeById, SegmentFilter filter) {
        if (filter.codeIds().isEmpty()) {
            return new HashSet<>(codeById.keySet());
        }
        Set<Long> chosen = new HashSet<>();
        for (Long id : filter.codeIds()) {
            if (!codeById.containsKey(id)) {
                throw ProblemException.badRequest("There is no code " + id + " in this project (codeId).");
            }
            chosen.add(id);
        }
        if (filter.subcodes()) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (CodeView c : codes) {
                    if (c.parentId() != null && chosen.contains(c.parentId()) && chosen.add(c.id())) {
                        grew = true;
                    }
                }
            }
        }
        return chosen;
    }

    private static boolean matches(Map<String, List<String>> filters, Document doc, ResearchCase rc) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String value = attribute(f.getKey(), doc, rc);
            boolean any = value != null && f.getValue().stream().anyMatch(v -> v.equalsIgnoreCase(value));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** A case attribute, else the document's own attribute of that name; "case" is the case name. */
    static String attribute(String name, Document doc, ResearchCase rc) {
        if (CASE.equalsIgnoreCase(name.strip())) {
            return rc == null ? null : rc.name;
        }
        String key = AttributeNames.normalise(name);
        if (rc != null && rc.attributes.containsKey(key)) {
            return rc.attributes.get(key);
        }
        return doc.attributes.get(key);
    }

    /**
     * "P07, woman, 1980s, 2010": the values of the chosen attributes in the chosen order, missing ones left out.
     * By default the case name and all its attributes (alphabetically by name). A document without a case and
     * without any of the attributes is cited by its title.
     */
    static String citation(List<String> citeWith, Document doc, ResearchCase rc) {
        List<String> parts = new ArrayList<>();
        if (citeWith.isEmpty()) {
            if (rc != null) {
                parts.add(rc.name);
                parts.addAll(new java.util.TreeMap<>(rc.attributes).values());
            }
        } else {
            for (String name : citeWith) {
                String value = attribute(name, doc, rc);
                if (value != null && !value.isBlank()) {
                    parts.add(value);
                }
            }
        }
        return parts.isEmpty() ? doc.title : String.join(", ", parts);
    }
}
