package app.margin.codebook;

/**
 * What another feature keeps about a code and removes with it: the coding feature's codings on the code, their memos
 * and the code's own memos. It is an interface here because the codebook cannot call the coding feature (coding
 * depends on the codebook), and the owner of the rows must be the one that deletes them. Runs inside the deleting
 * transaction.
 */
public interface CodeDependents {
    /** Removes what points at the code; returns how many codings went. */
    long removeForCode(long projectId, long codeId);
}
