package app.margin.coding;

/** Which layer a coding belongs to. */
public enum CodingLayer {
    /** A coder's own, independent coding. */
    CODER,
    /** The adjudicated coding that exports and analysis use by default. */
    MASTER
}
