package app.margin.agreement.rounds;

import app.margin.agreement.Disagreements;
import app.margin.agreement.Interpretation;
import app.margin.agreement.PresenceTable;
import app.margin.agreement.RoundAgreement;
import app.margin.agreement.RoundAgreement.Figure;
import app.margin.text.Segment;
import app.margin.agreement.rounds.Adjudication.Decision;
import app.margin.agreement.rounds.AgreementDtos.AdjudicateRequest;
import app.margin.agreement.rounds.AgreementDtos.AdjudicationView;
import app.margin.agreement.rounds.AgreementDtos.AgreementView;
import app.margin.agreement.rounds.AgreementDtos.CoderSegment;
import app.margin.agreement.rounds.AgreementDtos.Disagreement;
import app.margin.agreement.rounds.AgreementDtos.DriftPoint;
import app.margin.agreement.rounds.AgreementDtos.DriftView;
import app.margin.agreement.rounds.AgreementDtos.FigureView;
import app.margin.audit.AuditLog;
import app.margin.coding.Coding;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingLayer;
import app.margin.coding.CodingService;
import app.margin.coding.Memo;
import app.margin.corpus.Document;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Agreement, disagreements, adjudication and drift of one agreement round; supervisors and owners only. */
@ApplicationScoped
@Transactional
public class AgreementService {
    static final String PERCENT_DEFINITION = "Percent agreement is Krippendorff's 1 − D_o: within each unit, the "
            + "share of pairs of values from different coders that agree, averaged over units weighted by their "
            + "number of values; with two coders it is the share of units on which they agree.";

    private final ProjectAccess access;
    private final AuditLog audit;
    private final CodingService codings;
    private final EntityManager em;

    AgreementService(ProjectAccess access, AuditLog audit, CodingService codings, EntityManager em) {
        this.access = access;
        this.audit = audit;
        this.codings = codings;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AgreementView agreement(long projectId, long roundId) {
        access.require(projectId, Permission.ADJUDICATE);
        RoundData data = RoundData.load(RoundService.find(projectId, roundId));
        List<Figure> figures = RoundAgreement.compute(data.round().unit, data.coderNames(), data.codeIds(),
                data.texts(data.round().unit), data.coded());
        return new AgreementView(roundId, data.round().unit, PERCENT_DEFINITION,
                figures.stream().map(f -> view(f, data)).toList());
    }

    private static FigureView view(Figure f, RoundData data) {
        Document doc = f.documentId() == null ? null : data.documents().get(f.documentId());
        String reading = f.alpha() == null ? "α undefined"
                : String.format(java.util.Locale.ROOT, "α = %.3f: %s", f.alpha(), f.interpretation().label());
        return new FigureView(f.scope(), f.codeId(), f.codeId() == null ? null : data.codeNames().get(f.codeId()),
                f.documentId(), doc == null ? null : doc.title, f.coders(), f.units(), f.coderCount(),
                f.percentAgreement(), f.kappaKind(), f.kappa(), f.alpha(), f.interpretation(), reading,
                f.unitizingAlpha(), f.unitizingInterpretation(), f.notes());
    }

    /** The round's coefficient table rendered for a paper; returns the bytes of the format. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] report(long projectId, long roundId, AgreementReport.Format format) {
        AgreementView agreement = agreement(projectId, roundId);
        return AgreementReport.render(format, RoundService.view(RoundService.find(projectId, roundId)), agreement);
    }

    /** The places where the round's coders differ, optionally on one code, the most different first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Disagreement> disagreements(long projectId, long roundId, Long codeId) {
        access.require(projectId, Permission.ADJUDICATE);
        AgreementRound round = RoundService.find(projectId, roundId);
        if (codeId != null && !round.codeIds.contains(codeId)) {
            throw ProblemException.badRequest("Code " + codeId + " is not one of this round's codes (codeId).");
        }
        RoundData data = RoundData.load(round);
        Map<Long, List<String>> memos = memosOf(data.codings());
        List<Adjudication> decided = Adjudication.list("roundId = ?1 and undoneAt is null", roundId);
        Map<Long, Map<Long, List<Coding>>> byDocAndCode = new HashMap<>();
        data.codings().forEach(c -> byDocAndCode.computeIfAbsent(c.documentId, d -> new HashMap<>())
                .computeIfAbsent(c.codeId, k -> new ArrayList<>()).add(c));
        Map<Long, String> names = AppUser.usernamesById(data.coderIds());
        List<Disagreement> result = new ArrayList<>();
        for (Document doc : data.documents().values()) {
            for (long code : data.codeIds()) {
                if (codeId != null && code != codeId) {
                    continue;
                }
                List<Coding> these = byDocAndCode.getOrDefault(doc.id, Map.of()).getOrDefault(code, List.of());
                List<List<Segment>> perCoder = new ArrayList<>();
                data.coderIds().forEach(c -> perCoder.add(new ArrayList<>()));
                these.forEach(c -> perCoder.get(data.coderIndex(c.coderId)).add(new Segment(c.startOffset, c.endOffset)));
                for (Disagreements.Region region : Disagreements.find(perCoder)) {
                    int start = (int) region.start();
                    int end = (int) region.end();
                    List<CoderSegment> segments = these.stream()
                            .filter(c -> c.startOffset < end && c.endOffset > start)
                            .map(c -> new CoderSegment(c.id, names.get(c.coderId), c.startOffset, c.endOffset,
                                    doc.text.substring(c.startOffset, c.endOffset), memos.getOrDefault(c.id, List.of())))
                            .toList();
                    List<String> missing = new ArrayList<>();
                    for (int i = 0; i < data.coderIds().size(); i++) {
                        if (!region.applied()[i]) {
                            missing.add(data.coderNames().get(i));
                        }
                    }
                    boolean adjudicated = decided.stream().anyMatch(a -> a.documentId == doc.id && a.codeId == code
                            && a.startOffset < end && a.endOffset > start);
                    result.add(new Disagreement(doc.id, doc.title, code, data.codeNames().get(code), start, end,
                            doc.text.substring(start, end), region.difference(), segments, missing, adjudicated));
                }
            }
        }
        result.sort((a, b) -> a.difference() != b.difference() ? Double.compare(b.difference(), a.difference())
                : Integer.compare(b.end() - b.start(), a.end() - a.start()));
        return result;
    }

    private static Map<Long, List<String>> memosOf(List<Coding> codings) {
        if (codings.isEmpty()) {
            return Map.of();
        }
        List<Memo> memos = Memo.list("targetType = ?1 and targetId in ?2 order by createdAt, id", Memo.Target.CODING,
                codings.stream().map(c -> c.id).toList());
        Map<Long, List<String>> byCoding = new HashMap<>();
        memos.forEach(m -> byCoding.computeIfAbsent(m.targetId, k -> new ArrayList<>())
                .add(m.title == null || m.title.isBlank() ? m.body : m.title + ": " + m.body));
        return byCoding;
    }

    /** Writes the decision into the master layer (except a rejection) and records it. */
    public AdjudicationView adjudicate(long projectId, long roundId, AdjudicateRequest request) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        AgreementRound round = RoundService.find(projectId, roundId);
        if (!round.documentIds.contains(request.documentId())) {
            throw ProblemException.badRequest("Document " + request.documentId() + " is not in this round (documentId).");
        }
        if (!round.codeIds.contains(request.codeId())) {
            throw ProblemException.badRequest("Code " + request.codeId() + " is not one of this round's codes (codeId).");
        }
        List<Long> ids = request.codingIds() == null ? List.of() : request.codingIds().stream().distinct().toList();
        List<Coding> sources = new ArrayList<>();
        for (Long id : ids) {
            Coding c = id == null ? null : Coding.findById(id);
            if (c == null || c.projectId != projectId || c.layer != CodingLayer.CODER || c.documentId != request.documentId()
                    || c.codeId != request.codeId() || !round.coderIds.contains(c.coderId)) {
                throw ProblemException.badRequest("Coding " + id + " is not a round coder's coding of this code in "
                        + "this document (codingIds).");
            }
            sources.add(c);
        }
        int start;
        int end;
        switch (request.decision()) {
            case ACCEPT -> {
                if (sources.size() != 1) {
                    throw ProblemException.badRequest("To accept, name exactly one coder's coding (codingIds).");
                }
                start = sources.getFirst().startOffset;
                end = sources.getFirst().endOffset;
            }
            case MERGE -> {
                if (sources.size() < 2) {
                    throw ProblemException.badRequest("To merge, name at least two codings (codingIds).");
                }
                start = sources.stream().mapToInt(c -> c.startOffset).min().orElseThrow();
                end = sources.stream().mapToInt(c -> c.endOffset).max().orElseThrow();
            }
            case ADJUST -> {
                if (request.start() == null || request.end() == null) {
                    throw ProblemException.badRequest("To adjust the boundaries, give the new start and end.");
                }
                start = request.start();
                end = request.end();
            }
            case REJECT -> {
                if (request.start() != null && request.end() != null) {
                    start = request.start();
                    end = request.end();
                } else if (!sources.isEmpty()) {
                    start = sources.stream().mapToInt(c -> c.startOffset).min().orElseThrow();
                    end = sources.stream().mapToInt(c -> c.endOffset).max().orElseThrow();
                } else {
                    throw ProblemException.badRequest("Say what you reject: the codings (codingIds) or a start and end.");
                }
                if (start < 0 || end <= start) {
                    throw ProblemException.badRequest("The start (" + start + ") must come before the end (" + end + ").");
                }
            }
            default -> throw new IllegalStateException("Unhandled decision " + request.decision());
        }
        Long master = null;
        if (request.decision() != Decision.REJECT) {
            CodingView written = codings.addToMaster(projectId, request.documentId(), request.codeId(), start, end);
            master = written.id();
        }
        Adjudication a = new Adjudication();
        a.projectId = projectId;
        a.roundId = roundId;
        a.documentId = request.documentId();
        a.codeId = request.codeId();
        a.decision = request.decision();
        a.startOffset = start;
        a.endOffset = end;
        a.sources(sources.stream().map(c -> c.id).toList());
        a.masterCodingId = master;
        a.note = request.note();
        a.decidedBy = grant.userId();
        a.decidedAt = Instant.now();
        a.persist();
        em.flush();
        audit.record(projectId, grant.username(), "agreement.adjudicated", "ADJUDICATION", a.id, null, snapshot(a));
        return view(a);
    }

    /** Reverses a decision: removes the master coding it wrote and marks it undone. */
    public AdjudicationView undo(long projectId, long roundId, long adjudicationId) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        RoundService.find(projectId, roundId);
        Adjudication a = Adjudication.findById(adjudicationId);
        if (a == null || a.roundId != roundId) {
            throw ProblemException.notFound("There is no adjudication " + adjudicationId + " in this round.");
        }
        if (a.undoneAt != null) {
            throw ProblemException.conflict("This decision was already undone.");
        }
        Map<String, Object> before = snapshot(a);
        if (a.masterCodingId != null) {
            codings.removeFromMaster(projectId, a.masterCodingId);
        }
        a.undoneAt = Instant.now();
        a.undoneBy = grant.userId();
        em.flush();
        audit.record(projectId, grant.username(), "agreement.adjudication.undone", "ADJUDICATION", a.id, before,
                snapshot(a));
        return view(a);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AdjudicationView> adjudications(long projectId, long roundId) {
        access.require(projectId, Permission.ADJUDICATE);
        RoundService.find(projectId, roundId);
        List<Adjudication> all = Adjudication.list("roundId = ?1 order by id", roundId);
        return all.stream().map(AgreementService::view).toList();
    }

    /**
     * Agreement of two round coders on one code, per ISO week. A document belongs to the week in which the later of
     * the pair's codings of the code on it was made (when their coding of it was complete); documents neither of
     * them applied the code to carry no date and are left out.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DriftView drift(long projectId, long roundId, Long codeId, String first, String second) {
        access.require(projectId, Permission.ADJUDICATE);
        if (codeId == null) {
            throw ProblemException.badRequest("Say which code (codeId).");
        }
        AgreementRound round = RoundService.find(projectId, roundId);
        if (!round.codeIds.contains(codeId)) {
            throw ProblemException.badRequest("Code " + codeId + " is not one of this round's codes (codeId).");
        }
        RoundData data = RoundData.load(round);
        int a = pairMember(data, first, "coderA");
        int b = pairMember(data, second, "coderB");
        if (a == b) {
            throw ProblemException.badRequest("Choose two different coders (coderA, coderB).");
        }
        long coderA = data.coderIds().get(a);
        long coderB = data.coderIds().get(b);
        Map<Long, List<Coding>> byDocument = data.codings().stream()
                .filter(c -> c.codeId == codeId.longValue() && (c.coderId == coderA || c.coderId == coderB))
                .collect(Collectors.groupingBy(c -> c.documentId));
        Map<String, PresenceTable> weeks = new TreeMap<>();
        Map<String, Integer> documentsPerWeek = new HashMap<>();
        byDocument.forEach((docId, list) -> {
            Document doc = data.documents().get(docId);
            Instant last = list.stream().map(c -> c.createdAt).max(Instant::compareTo).orElseThrow();
            var date = last.atOffset(ZoneOffset.UTC);
            String week = String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            List<List<Segment>> pair = List.of(new ArrayList<>(), new ArrayList<>());
            list.forEach(c -> pair.get(c.coderId == coderA ? 0 : 1).add(new Segment(c.startOffset, c.endOffset)));
            PresenceTable table = weeks.computeIfAbsent(week, w -> new PresenceTable(2));
            var units = RoundData.units(round.unit, doc);
            if (units == null) {
                table.addCharacters(doc.text.length(), pair);
            } else {
                table.addUnits(units, pair);
            }
            documentsPerWeek.merge(week, 1, Integer::sum);
        });
        List<DriftPoint> points = new ArrayList<>();
        weeks.forEach((week, table) -> {
            PresenceTable.Figures f = table.figures();
            points.add(new DriftPoint(week, documentsPerWeek.get(week), f.units(), f.percentAgreement(), f.kappa(),
                    f.alpha(), Interpretation.of(f.alpha())));
        });
        return new DriftView(roundId, codeId, data.codeNames().get(codeId),
                List.of(data.coderNames().get(a), data.coderNames().get(b)), round.unit, points);
    }

    private static int pairMember(RoundData data, String name, String parameter) {
        int index = name == null ? -1 : data.coderNames().indexOf(name.strip());
        if (index < 0) {
            throw ProblemException.badRequest("‘" + name + "’ is not one of this round's coders (" + parameter + ").");
        }
        return index;
    }

    private static AdjudicationView view(Adjudication a) {
        Map<Long, String> names = AppUser.usernamesById(
                a.undoneBy == null ? List.of(a.decidedBy) : List.of(a.decidedBy, a.undoneBy));
        return new AdjudicationView(a.id, a.roundId, a.documentId, a.codeId, a.decision, a.startOffset, a.endOffset,
                a.sources(), a.masterCodingId, a.note, names.get(a.decidedBy), a.decidedAt,
                a.undoneBy == null ? null : names.get(a.undoneBy), a.undoneAt);
    }

    private static Map<String, Object> snapshot(Adjudication a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("roundId", a.roundId);
        s.put("documentId", a.documentId);
        s.put("codeId", a.codeId);
        s.put("decision", a.decision);
        s.put("start", a.startOffset);
        s.put("end", a.endOffset);
        s.put("codingIds", a.sources());
        s.put("masterCodingId", a.masterCodingId);
        s.put("note", a.note);
        s.put("undoneAt", a.undoneAt);
        return s;
    }
}
