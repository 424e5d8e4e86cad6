package app.margin.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A speaker turn of a transcript or a paragraph of another document, as offsets into the document's text. */
@Entity
@Table(name = "text_unit")
public class DocumentUnit extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "document_id")
    public long documentId;

    public int seq;

    @Column(name = "start_offset")
    public int startOffset;

    @Column(name = "end_offset")
    public int endOffset;

    public String speaker;

    @Column(name = "time_ms")
    public Long timeMs;

    public static List<DocumentUnit> ofDocument(long documentId) {
        return list("documentId = ?1 order by seq", documentId);
    }
}
