package app.margin.identity;

/** What a project member may do; roles grant sets of these (see {@link ProjectRole}). */
public enum Permission {
    /** See the project, its documents, codebook, master layer, own codings and memos. */
    READ,
    /** Add, change and remove one's own codings and memos. */
    CODE,
    /** See every coder's layer. */
    SEE_ALL_LAYERS,
    /** Add, change, move, merge and delete codes. */
    EDIT_CODEBOOK,
    /** Import and delete documents, set case attributes. */
    MANAGE_CORPUS,
    /** Set up agreement rounds, compute agreement and adjudicate into the master layer. */
    ADJUDICATE,
    /** Read the audit log. */
    READ_AUDIT,
    /** Add, change and remove members; rename the project. */
    MANAGE_MEMBERS,
    /** Delete the project and anyone's memos. */
    DELETE
}
