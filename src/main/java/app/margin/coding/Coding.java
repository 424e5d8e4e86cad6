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
import jakarta.persistence.Version;
import java.time.Instant;

/** A code applied to {@code [start, end)} of a document's text, in UTF-16 code units, by one coder in one layer. */
@Entity
@Table(name = "coding")
public class Coding extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Column(name = "document_id")
    public long documentId;

    @Column(name = "code_id")
    public long codeId;

    @Column(name = "coder_id")
    public long coderId;

    @Enumerated(EnumType.STRING)
    public CodingLayer layer;

    @Column(name = "start_offset")
    public int startOffset;

    @Column(name = "end_offset")
    public int endOffset;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The batch that made this coding (auto-coding), or null. */
    @Column(name = "batch_id")
    public Long batchId;

    @Version
    public long version;
}
