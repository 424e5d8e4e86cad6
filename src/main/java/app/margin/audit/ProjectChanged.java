package app.margin.audit;

/**
 * Announced for every audited change: the signal that something moved, not what. Observers that keep derived data
 * (the search index) listen for it after the transaction commits; {@code seq} is the change's place in the project's
 * audit chain, which the search index takes as the generation a search by the same caller ({@code actor}, the
 * audit event's actor: a username) must see. Searches by others do not wait for it. What the change means for
 * derived data is in the typed change feed ({@code app.margin.change.ChangeFeed}), never in the audit text.
 */
public record ProjectChanged(long projectId, long seq, String actor) {
}
