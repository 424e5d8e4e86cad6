package app.margin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 chain over audit events: changing, removing or reordering a stored event breaks it. */
final class AuditHash {
    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(AuditEvent e) {
        String canonical = String.join("\u001f", e.prevHash, Long.toString(e.projectId), Long.toString(e.seq),
                Long.toString(e.at.toEpochMilli()), e.actor, e.action, e.targetType, String.valueOf(e.targetId),
                String.valueOf(e.beforeJson), String.valueOf(e.afterJson));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e1);
        }
    }
}
