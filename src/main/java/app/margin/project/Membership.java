package app.margin.project;

import app.margin.identity.ProjectRole;
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
import java.util.Optional;

/** A user's role in a project. */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Column(name = "user_id")
    public long userId;

    @Enumerated(EnumType.STRING)
    public ProjectRole role;

    @Column(name = "created_at")
    public Instant createdAt;

    static Optional<Membership> find(long projectId, long userId) {
        return find("projectId = ?1 and userId = ?2", projectId, userId).firstResultOptional();
    }
}
