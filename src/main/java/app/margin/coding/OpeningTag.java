package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.identity.ProjectAccess.Grant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The strong entity tag of an opened document ({@link DocumentOpening}): a digest of everything the answer is made
 * from. Every change of a project's documents, codings, codebook, members, roles and agreement rounds (so also of who
 * sees which layer) is an event in the project's audit chain in the change's own transaction, so the chain's head
 * stands for the project's state; with the document, the caller, the caller's role and the layer choice it decides
 * the answer byte for byte. The head's hash, not only its number, goes in, so that a restored backup or a re-created
 * database never reuses a tag for a different answer.
 */
final class OpeningTag {
    /** Changes when the answer's shape changes, so a tag from an older Margin never matches a newer answer. */
    private static final String FORMAT = "open-1";

    private OpeningTag() {
    }

    static String of(Grant grant, long documentId, AuditLog.Head head, CodingLayer layer, String coder) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
        for (String part : new String[] {FORMAT, Long.toString(grant.projectId()), Long.toString(documentId),
                Long.toString(head.seq()), String.valueOf(head.hash()), Long.toString(grant.userId()),
                grant.role().name(), layer == null ? "" : layer.name(), coder == null ? "" : coder}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((byte) (bytes.length >>> 8)); // length-prefixed, so no two lists of parts run together
            digest.update((byte) bytes.length);
            digest.update(bytes);
        }
        byte[] hash = digest.digest();
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18)) + '"';
    }

    /**
     * Whether an If-None-Match header names this tag: a list of tags, compared weakly as RFC 9110 says for this
     * header ({@code W/} ignored). {@code *} is not taken as a match: answering it in full is always correct.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
