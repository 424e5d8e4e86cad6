package app.margin.corpus;

/**
 * What another feature keeps about a document and removes with it: the coding feature's codings and memos. It is an
 * interface here because corpus cannot call the coding feature (coding depends on corpus), and the owner of the rows
 * must be the one that deletes them. Runs inside the deleting transaction.
 */
public interface DocumentDependents {
    /** Removes what points at the document; returns how many codings went (the audit event keeps the number). */
    long removeForDocument(long projectId, long documentId);
}
