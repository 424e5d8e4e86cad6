package app.margin.coding;

import app.margin.problem.ProblemException;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * What a coding request needs of its document: that it is in the project, its length, and the characters on either
 * side of the two boundaries (to refuse a range that cuts a character in half), read in one query without the text.
 * Loading the document entity carried its whole text (about 30,000 characters for a 5,000-word transcript) into the
 * persistence context of every added coding, to be dirty-checked at each flush.
 */
record DocumentBounds(long documentId, int length, String aroundStart, String aroundEnd) {

    /** The document's bounds around {@code start} and {@code end}, else 400 naming documentId. */
    static DocumentBounds of(EntityManager em, long projectId, long documentId, int start, int end) {
        // substring is 1-based: from position offset it yields the characters at 0-based offset-1 and offset
        List<Object[]> rows = em.createQuery("select d.textLength, substring(d.text, :s, 2), substring(d.text, :e, 2) "
                        + "from Document d where d.id = :d and d.projectId = :p", Object[].class)
                .setParameter("s", Math.max(start, 1)).setParameter("e", Math.max(end, 1))
                .setParameter("d", documentId).setParameter("p", projectId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("There is no document " + documentId + " in this project (documentId).");
        }
        Object[] row = rows.getFirst();
        return new DocumentBounds(documentId, ((Number) row[0]).intValue(), (String) row[1], (String) row[2]);
    }

    /** The range checks of {@link Offsets#requireValid} against these bounds. */
    void requireValid(int start, int end) {
        Offsets.requireValid(start, end, length, splits(start, aroundStart) || splits(end, aroundEnd));
    }

    private boolean splits(int offset, String around) {
        return offset > 0 && offset < length && around != null && around.length() == 2
                && Character.isHighSurrogate(around.charAt(0)) && Character.isLowSurrogate(around.charAt(1));
    }
}
