package app.margin.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A case, usually one participant ("P07"), with attributes such as gender or arrival year. */
@Entity
@Table(name = "research_case")
public class ResearchCase extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    public String name;

    @ElementCollection
    @CollectionTable(name = "case_attribute", joinColumns = @JoinColumn(name = "case_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "val")
    public Map<String, String> attributes = new TreeMap<>();

    public static Optional<ResearchCase> findByName(long projectId, String name) {
        return find("projectId = ?1 and name = ?2", projectId, name).firstResultOptional();
    }

    /** The case with this name, created when the project does not have it yet. */
    public static ResearchCase findOrCreate(long projectId, String name) {
        return findByName(projectId, name).orElseGet(() -> {
            ResearchCase created = new ResearchCase();
            created.projectId = projectId;
            created.name = name;
            created.persist();
            return created;
        });
    }
}
