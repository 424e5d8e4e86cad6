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

/** A researcher's note on a project, a document, a code or a coding. */
@Entity
@Table(name = "memo")
public class Memo extends PanacheEntityBase {
    /** What a memo is written about. */
    public enum Target { PROJECT, DOCUMENT, CODE, CODING }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type")
    public Target targetType;

    @Column(name = "target_id")
    public long targetId;

    @Column(name = "author_id")
    public long authorId;

    public String title;
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
