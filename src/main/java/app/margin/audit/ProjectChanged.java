package app.margin.audit;

/**
 * Announced for every audited change. Observers that keep derived data (the search index) listen for it after the
 * transaction commits; {@code seq} is the change's place in the project's audit chain.
 */
public record ProjectChanged(long projectId, long seq) {
}
