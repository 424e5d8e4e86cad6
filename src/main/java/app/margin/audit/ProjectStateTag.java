package app.margin.audit;

import app.margin.identity.ProjectAccess.Grant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A strong entity tag for a read whose answer is decided by the project's state and the caller: a digest of the
 * project's audit chain head (number and hash), the caller, the caller's role and what the read asks for. Every
 * change of a project's documents, codings, codebook, members, roles and agreement rounds (so also of who sees which
 * layer) is an audit event in the change's own transaction, so the head stands for the project's state. The hash, not
 * only the number, goes in, so a restored backup or a re-created database never reuses a tag for another answer.
 *
 * <p>Read the head <em>before</em> what it stands for: what is read after it is at least as new, so a tag never names
 * an answer older than itself (at worst a newer answer goes out under the older tag, which only costs a later 200).
 */
public final class ProjectStateTag {
    private ProjectStateTag() {
    }

    /** The tag of one read: {@code parts} name the read and its parameters (first a name with a format version). */
    public static String of(Grant grant, AuditLog.Head head, String... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
        String[] fixed = {Long.toString(grant.projectId()), Long.toString(head.seq()), String.valueOf(head.hash()),
                Long.toString(grant.userId()), grant.role().name()};
        for (String[] list : new String[][] {fixed, parts}) {
            for (String part : list) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update((byte) (bytes.length >>> 8)); // length-prefixed, so no two lists of parts run together
                digest.update((byte) bytes.length);
                digest.update(bytes);
            }
        }
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 18)) + '"';
    }

    /**
     * Whether an If-None-Match header names this tag: a list of tags, compared weakly as RFC 9110 says for this
     * header ({@code W/} ignored). {@code *} is not taken as a match: answering it in full is always correct.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
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
