package app.margin.codebook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/** A code of a project's codebook; codes form a tree through {@link #parentId}. */
@Entity
@Table(name = "code")
public class Code extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Column(name = "parent_id")
    public Long parentId;

    public String name;
    public String definition;
    public String inclusion;
    public String exclusion;
    public String example;

    /** "#rrggbb", used for highlights and coding stripes. */
    public String color;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    static List<Code> ofProject(long projectId) {
        return list("projectId = ?1 order by name, id", projectId);
    }

    static List<Code> children(long projectId, Long parentId) {
        return parentId == null ? list("projectId = ?1 and parentId is null", projectId)
                : list("projectId = ?1 and parentId = ?2", projectId, parentId);
    }
}
