package app.margin.coding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Many codings made in one go (auto-coding); its codings point at it ({@code coding.batch_id}), so an undo finds them
 * in the database. Its id in the API is {@link #auditSeq}, the sequence number of the batch's audit event.
 */
@Entity
@Table(name = "coding_batch")
public class CodingBatch extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    /** Null only until the batch's audit event is written, in the transaction that makes the batch. */
    @Column(name = "audit_seq")
    public Long auditSeq;

    @Column(name = "coder_id")
    public long coderId;

    @Column(name = "code_id")
    public long codeId;

    /** How many codings the batch made. */
    public int created;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "undone_at")
    public Instant undoneAt;
}
