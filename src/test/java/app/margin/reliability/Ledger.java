package app.margin.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the crash test sent and what Margin acknowledged, written by the workload's threads. An item is
 * <em>acknowledged</em> when its 201 (or 200) answer arrived in full: it must survive the crash, exactly once. An
 * item whose request was in flight when Margin was killed is <em>unknown</em>: it may be there or not, but never in
 * part.
 */
final class Ledger {
    /** One file of a batch import; the token occurs in no other file, so a search for it finds only this one. */
    record SentFile(String name, String token, String text, String sha256) {
        String title() {
            return name.substring(0, name.lastIndexOf('.'));
        }
    }

    record AckDocument(long id, SentFile file, int length, int units) {
    }

    record CodingKey(long documentId, long codeId, String coder, int start, int end) {
    }

    record AckCoding(long id, CodingKey key) {
    }

    /** A memo is recognised by its body, unique in the run. */
    record MemoKey(String author, String targetType, long targetId, String body) {
    }

    record AckMemo(long id, MemoKey key) {
    }

    /** A code's content after an edit, with the version Margin answered (or, for an unknown edit, would answer). */
    record CodeState(long codeId, String name, String definition, long version) {
    }

    final List<AckDocument> documents = new CopyOnWriteArrayList<>();
    final List<List<SentFile>> unknownBatches = new CopyOnWriteArrayList<>();
    final List<AckCoding> codings = new CopyOnWriteArrayList<>();
    final List<CodingKey> unknownCodings = new CopyOnWriteArrayList<>();
    final List<AckMemo> memos = new CopyOnWriteArrayList<>();
    final List<MemoKey> unknownMemos = new CopyOnWriteArrayList<>();
    /** Per code: its state after the last acknowledged edit (or its creation). */
    final Map<Long, CodeState> codes = new ConcurrentHashMap<>();
    /** Per code: an edit that was in flight at the kill. */
    final Map<Long, CodeState> unknownCodeEdits = new ConcurrentHashMap<>();
    /** Acknowledged code edits (not counting creations). */
    final List<CodeState> codeEdits = new CopyOnWriteArrayList<>();
    /** Answers other than success during the burst, by "METHOD path-kind status": a 5xx there is a defect too. */
    final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    /** Import batches sent: files in the batches acknowledged are in {@link #documents}. */
    final List<List<SentFile>> sentBatches = new CopyOnWriteArrayList<>();

    void refused(String what, int status) {
        refusals.merge(what + " " + status, 1, Integer::sum);
    }

    /** Every file ever sent (acknowledged, unknown or refused). */
    List<SentFile> allSentFiles() {
        List<SentFile> all = new ArrayList<>();
        sentBatches.forEach(all::addAll);
        return all;
    }

    Map<String, Integer> refusalsSorted() {
        return new TreeMap<>(refusals);
    }

    /** Acknowledged documents, codings, memos and code edits so far. */
    int acknowledgedCount() {
        return documents.size() + codings.size() + memos.size() + codeEdits.size();
    }

    int unknownCount() {
        return unknownBatches.stream().mapToInt(List::size).sum() + unknownCodings.size() + unknownMemos.size()
                + unknownCodeEdits.size();
    }
}
