package app.margin.agreement.rounds;

import app.margin.agreement.PresenceTable;
import app.margin.agreement.UnitOfAnalysis;
import app.margin.agreement.rounds.AgreementDtos.CreateRoundRequest;
import app.margin.agreement.rounds.AgreementDtos.RoundView;
import app.margin.audit.AuditLog;
import app.margin.codebook.CodebookService;
import app.margin.corpus.Document;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.identity.ProjectRole;
import app.margin.problem.Params;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agreement rounds: supervisors and owners set them up, reveal and delete them; a coder sees the rounds they code in
 * (so they know a round is blind), supervisors see all.
 */
@ApplicationScoped
@Transactional
public class RoundService {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final EntityManager em;

    RoundService(ProjectAccess access, AuditLog audit, EntityManager em) {
        this.access = access;
        this.audit = audit;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoundView> list(long projectId) {
        Grant grant = access.require(projectId, Permission.READ);
        return AgreementRound.ofProject(projectId).stream()
                .filter(r -> grant.can(Permission.ADJUDICATE) || r.coderIds.contains(grant.userId()))
                .map(RoundService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RoundView get(long projectId, long roundId) {
        Grant grant = access.require(projectId, Permission.READ);
        AgreementRound round = find(projectId, roundId);
        if (!grant.can(Permission.ADJUDICATE) && !round.coderIds.contains(grant.userId())) {
            throw notFound(roundId);
        }
        return view(round);
    }

    public RoundView create(long projectId, CreateRoundRequest request) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        UnitOfAnalysis unit = Params.enumOrNull(UnitOfAnalysis.class, request.unit(), "unit");
        Set<Long> documents = new LinkedHashSet<>(request.documentIds());
        if (documents.isEmpty()) {
            throw ProblemException.badRequest("Choose at least one document for the round (documentIds).");
        }
        for (Long id : documents) {
            Document doc = id == null ? null : Document.findById(id);
            if (doc == null || doc.projectId != projectId) {
                throw ProblemException.badRequest("There is no document " + id + " in this project (documentIds).");
            }
        }
        Set<Long> codes = new LinkedHashSet<>(request.codeIds());
        if (codes.isEmpty()) {
            throw ProblemException.badRequest("Choose at least one code for the round (codeIds).");
        }
        codes.forEach(id -> CodebookService.referenced(projectId, id == null ? -1 : id, "codeIds"));
        Set<Long> coders = new LinkedHashSet<>();
        for (String name : request.coders()) {
            coders.add(coderId(projectId, name));
        }
        if (coders.size() < 2 || coders.size() > PresenceTable.MAX_CODERS) {
            throw ProblemException.badRequest("A round needs 2 to " + PresenceTable.MAX_CODERS
                    + " different coders (coders), not " + coders.size() + ".");
        }
        AgreementRound round = new AgreementRound();
        round.projectId = projectId;
        round.name = request.name().strip();
        round.blind = !Boolean.FALSE.equals(request.blind());
        round.unit = unit == null ? UnitOfAnalysis.CHARACTER : unit;
        round.createdBy = grant.userId();
        round.createdAt = Instant.now();
        round.documentIds.addAll(documents);
        round.coderIds.addAll(coders);
        round.codeIds.addAll(codes);
        round.persist();
        em.flush();
        audit.record(projectId, grant.username(), "agreement.round.created", "AGREEMENT_ROUND", round.id, null,
                snapshot(round));
        return view(round);
    }

    /** Lets the round's coders see one another's layers on its documents (and lifts blindness). */
    public RoundView reveal(long projectId, long roundId) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        AgreementRound round = find(projectId, roundId);
        if (round.revealedAt != null) {
            throw ProblemException.conflict("This round was already revealed.");
        }
        Map<String, Object> before = snapshot(round);
        round.revealedAt = Instant.now();
        em.flush();
        audit.record(projectId, grant.username(), "agreement.round.revealed", "AGREEMENT_ROUND", roundId, before,
                snapshot(round));
        return view(round);
    }

    /** Removes the round and its adjudication records; master codings it wrote stay (they are master coding now). */
    public void delete(long projectId, long roundId) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        AgreementRound round = find(projectId, roundId);
        Map<String, Object> before = snapshot(round);
        Adjudication.delete("roundId", roundId);
        round.delete();
        audit.record(projectId, grant.username(), "agreement.round.deleted", "AGREEMENT_ROUND", roundId, before, null);
    }

    static AgreementRound find(long projectId, long roundId) {
        AgreementRound round = AgreementRound.findById(roundId);
        if (round == null || round.projectId != projectId) {
            throw notFound(roundId);
        }
        return round;
    }

    private static ProblemException notFound(long roundId) {
        return ProblemException.notFound("There is no agreement round " + roundId + " in this project.");
    }

    /** A member who may code (CODER, SUPERVISOR or OWNER). */
    private long coderId(long projectId, String username) {
        AppUser user = username == null ? null : AppUser.findByUsername(username.strip()).orElse(null);
        List<?> roles = user == null ? List.of() : em.createNativeQuery(
                        "select role from membership where project_id = ?1 and user_id = ?2")
                .setParameter(1, projectId).setParameter(2, user.id).getResultList();
        if (roles.isEmpty()) {
            throw ProblemException.badRequest("‘" + username + "’ is not a member of this project (coders).");
        }
        if (!ProjectRole.valueOf(roles.getFirst().toString()).allows(Permission.CODE)) {
            throw ProblemException.badRequest("‘" + username + "’ is a viewer and cannot code; choose coders, "
                    + "supervisors or owners (coders).");
        }
        return user.id;
    }

    static RoundView view(AgreementRound r) {
        Map<Long, String> names = AppUser.usernamesById(new ArrayList<>(r.coderIds));
        List<Long> ids = new ArrayList<>(r.coderIds);
        ids.add(r.createdBy);
        Map<Long, String> all = AppUser.usernamesById(ids);
        return new RoundView(r.id, r.name, r.blind, r.unit, r.revealedAt != null, r.revealedAt,
                List.copyOf(r.documentIds), r.coderIds.stream().map(names::get).toList(), List.copyOf(r.codeIds),
                all.get(r.createdBy), r.createdAt, r.version);
    }

    private static Map<String, Object> snapshot(AgreementRound r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", r.name);
        s.put("blind", r.blind);
        s.put("unit", r.unit);
        s.put("documentIds", List.copyOf(r.documentIds));
        s.put("coderIds", List.copyOf(r.coderIds));
        s.put("codeIds", List.copyOf(r.codeIds));
        s.put("revealedAt", r.revealedAt);
        return s;
    }
}
