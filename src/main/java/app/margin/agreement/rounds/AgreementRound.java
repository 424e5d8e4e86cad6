package app.margin.agreement.rounds;

import app.margin.agreement.UnitOfAnalysis;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Documents, coders and codes whose independent coding a supervisor compares; optionally blind until revealed. */
@Entity
@Table(name = "agreement_round")
public class AgreementRound extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    public String name;

    public boolean blind;

    @Enumerated(EnumType.STRING)
    @Column(name = "unit_of_analysis")
    public UnitOfAnalysis unit;

    @Column(name = "created_by")
    public long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revealed_at")
    public Instant revealedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_round_document", joinColumns = @JoinColumn(name = "round_id"))
    @Column(name = "document_id")
    public Set<Long> documentIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_round_coder", joinColumns = @JoinColumn(name = "round_id"))
    @Column(name = "user_id")
    public Set<Long> coderIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_round_code", joinColumns = @JoinColumn(name = "round_id"))
    @Column(name = "code_id")
    public Set<Long> codeIds = new LinkedHashSet<>();

    @Version
    public long version;

    static List<AgreementRound> ofProject(long projectId) {
        return list("projectId = ?1 order by id desc", projectId);
    }
}
