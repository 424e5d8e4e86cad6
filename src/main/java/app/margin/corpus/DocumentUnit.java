package app.margin.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import app.margin.corpus.importer.TextUnit;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import org.hibernate.Session;

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

    /** The longest speaker label kept (the column's size). */
    static final int MAX_SPEAKER = 200;

    /**
     * Stores a new document's units in one JDBC batch. A transcript has hundreds of turns, and inserting them one
     * entity at a time (identity keys cannot be batched by Hibernate) was half of the import's time.
     */
    public static void insertAll(long documentId, List<TextUnit> units) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into text_unit "
                    + "(document_id, seq, start_offset, end_offset, speaker, time_ms) values (?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (TextUnit unit : units) {
                    insert.setLong(1, documentId);
                    insert.setInt(2, seq++);
                    insert.setInt(3, unit.start());
                    insert.setInt(4, unit.end());
                    String speaker = unit.speaker();
                    insert.setString(5, speaker == null || speaker.length() <= MAX_SPEAKER ? speaker
                            : speaker.substring(0, MAX_SPEAKER));
                    if (unit.timeMs() == null) {
                        insert.setNull(6, Types.BIGINT);
                    } else {
                        insert.setLong(6, unit.timeMs());
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public static List<DocumentUnit> ofDocument(long documentId) {
        return list("documentId = ?1 order by seq", documentId);
    }
}
