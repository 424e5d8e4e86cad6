package app.margin.project;

/**
 * A feature that keeps rows of a project and removes them itself when the project is deleted. Project deletion asks
 * every owner in the order of {@link Part}, so that rows are removed before the rows they point at; the project
 * feature never runs another feature's SQL. Owners run inside the deleting transaction.
 */
public interface ProjectDataOwner {
    /** Who removes first: the declaration order is the deletion order (what points at something goes first). */
    enum Part {
        /** Agreement rounds and adjudications (they point at documents, codes and codings). */
        AGREEMENT,
        /** Memos and codings (they point at documents and codes). */
        CODING,
        /** The code tree. */
        CODEBOOK,
        /** Documents, their units and attributes, and cases. */
        CORPUS
    }

    Part part();

    /** Removes every row of this feature that belongs to the project. */
    void removeProjectData(long projectId);
}
