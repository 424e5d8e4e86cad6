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

/** A memo as it was when it was removed (on its own, or with the coding it was written on). */
@Entity
@Table(name = "removed_memo")
class RemovedMemo extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "removal_id")
    long removalId;

    @Column(name = "memo_id")
    long memoId;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type")
    Memo.Target targetType;

    @Column(name = "target_id")
    long targetId;

    @Column(name = "author_id")
    long authorId;

    String title;
    String body;

    @Column(name = "created_at")
    Instant createdAt;

    static RemovedMemo of(long removalId, Memo memo) {
        RemovedMemo kept = new RemovedMemo();
        kept.removalId = removalId;
        kept.memoId = memo.id;
        kept.targetType = memo.targetType;
        kept.targetId = memo.targetId;
        kept.authorId = memo.authorId;
        kept.title = memo.title;
        kept.body = memo.body;
        kept.createdAt = memo.createdAt;
        return kept;
    }

    /** A new memo with this one's target type, author, title, body and first writing time, on {@code targetId}. */
    Memo revive(long projectId, long onTargetId, Instant now) {
        Memo memo = new Memo();
        memo.projectId = projectId;
        memo.targetType = targetType;
        memo.targetId = onTargetId;
        memo.authorId = authorId;
        memo.title = title;
        memo.body = body;
        memo.createdAt = createdAt;
        memo.updatedAt = now;
        return memo;
    }
}
