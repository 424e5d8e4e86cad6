package app.margin.coding;

import app.margin.problem.ProblemException;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * What a coding request needs of its document: that it is in the project, and its text to check the range against,
 * read as a projection rather than as the document entity. The entity put the whole text (about 30,000 characters
 * for a 5,000-word transcript) with its attributes into the request's persistence context, to be dirty-checked at each
 * flush. The text itself is still read: the boundaries are UTF-16 offsets, and PostgreSQL's substring counts code
 * points, so only Java can tell whether a boundary cuts a character in half.
 */
record DocumentBounds(long documentId, String text) {

    /** The document's text, else 400 naming documentId. */
    static DocumentBounds of(EntityManager em, long projectId, long documentId) {
        List<String> texts = em.createQuery("select d.text from Document d where d.id = :d and d.projectId = :p",
                String.class).setParameter("d", documentId).setParameter("p", projectId).getResultList();
        if (texts.isEmpty()) {
            throw ProblemException.badRequest("There is no document " + documentId + " in this project (documentId).");
        }
        return new DocumentBounds(documentId, texts.getFirst());
    }

    /** See {@link Offsets#requireValid}. */
    void requireValid(int start, int end) {
        Offsets.requireValid(start, end, text);
    }
}
