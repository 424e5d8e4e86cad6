package app.margin.coding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A removed coding (with its memos) or a removed memo, kept for {@link RemovalRecords#RESTORABLE} so that whoever
 * removed it can put it back exactly: same range, code and layer, same memos with their authors and text.
 */
@Entity
@Table(name = "removal")
class Removal extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "project_id")
    long projectId;

    @Column(name = "removed_by")
    long removedBy;

    @Column(name = "removed_at")
    Instant removedAt;

    @Column(name = "restored_at")
    Instant restoredAt;

    /** The removed coding's id; null when the removal is of one memo. */
    @Column(name = "coding_id")
    Long codingId;

    @Column(name = "document_id")
    Long documentId;

    @Column(name = "code_id")
    Long codeId;

    @Column(name = "coder_id")
    Long coderId;

    @Enumerated(EnumType.STRING)
    CodingLayer layer;

    @Column(name = "start_offset")
    Integer startOffset;

    @Column(name = "end_offset")
    Integer endOffset;
}
