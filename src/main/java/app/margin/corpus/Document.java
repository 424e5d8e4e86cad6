package app.margin.corpus;

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
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * An imported source: a transcript, a field note or another text. Its {@link #text} is written once at import and
 * never changed, because codings point into it by offset; metadata (title, case, field-note details) may change.
 */
@Entity
@Table(name = "document")
public class Document extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    /** The participant (case) this document belongs to, or null. */
    @Column(name = "case_id")
    public Long caseId;

    public String title;

    @Enumerated(EnumType.STRING)
    public DocumentKind kind;

    public String language;

    @Column(updatable = false)
    public String text;

    /** Length of {@link #text} in UTF-16 code units: the upper bound of every offset. */
    @Column(name = "text_length", updatable = false)
    public int textLength;

    @Column(name = "source_file_name", updatable = false)
    public String sourceFileName;

    @Column(name = "source_format", updatable = false)
    public String sourceFormat;

    @Column(name = "source_sha256", updatable = false)
    public String sourceSha256;

    /** Field notes: when, where and by whom the observation was written. */
    @Column(name = "field_date")
    public LocalDate fieldDate;

    @Column(name = "field_place")
    public String fieldPlace;

    @Column(name = "field_author")
    public String fieldAuthor;

    @Column(name = "imported_by", updatable = false)
    public long importedBy;

    @Column(name = "imported_at", updatable = false)
    public Instant importedAt;

    /** Attributes of this document itself (interview mode, interviewer…), beside those of its case. */
    @ElementCollection
    @CollectionTable(name = "document_attribute", joinColumns = @JoinColumn(name = "document_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "val")
    public Map<String, String> attributes = new TreeMap<>();

    @Version
    public long version;
}
