package app.margin.agreement.rounds;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A supervisor's decision about coders' segments, and the master coding it wrote; undone decisions stay on record. */
@Entity
@Table(name = "adjudication")
public class Adjudication extends PanacheEntityBase {
    /** What the supervisor decided. */
    public enum Decision {
        /** Take one coder's segment into the master layer as it is. */
        ACCEPT,
        /** Take the union of several coders' segments (from the first start to the last end). */
        MERGE,
        /** Write a master segment with boundaries the supervisor chose. */
        ADJUST,
        /** Write nothing: the code does not apply here. */
        REJECT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Column(name = "round_id")
    public long roundId;

    @Column(name = "document_id")
    public long documentId;

    @Column(name = "code_id")
    public long codeId;

    @Enumerated(EnumType.STRING)
    public Decision decision;

    @Column(name = "start_offset")
    public int startOffset;

    @Column(name = "end_offset")
    public int endOffset;

    /** The coder codings the decision was about, in the order named (table adjudication_source). */
    @ElementCollection
    @CollectionTable(name = "adjudication_source", joinColumns = @JoinColumn(name = "adjudication_id"))
    @OrderColumn(name = "ordinal")
    @Column(name = "coding_id")
    public List<Long> sourceCodings = new ArrayList<>();

    @Column(name = "master_coding_id")
    public Long masterCodingId;

    public String note;

    @Column(name = "decided_by")
    public long decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "undone_by")
    public Long undoneBy;

    @Column(name = "undone_at")
    public Instant undoneAt;

    @Version
    public long version;

    List<Long> sources() {
        return List.copyOf(sourceCodings);
    }

    void sources(List<Long> ids) {
        sourceCodings.clear();
        sourceCodings.addAll(ids);
    }
}
