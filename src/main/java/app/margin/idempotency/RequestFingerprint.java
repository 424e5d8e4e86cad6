package app.margin.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * SHA-256 digests that identify a request without keeping it: the key a client sent, and the method, path, query and
 * body of the request (for a multipart upload: each part's name, file name and bytes). Only digests are stored, so
 * the key table holds no participants' text beyond the answer itself.
 */
final class RequestFingerprint {
    private static final HexFormat HEX = HexFormat.of();

    private RequestFingerprint() {
    }

    static String ofKey(String key) {
        MessageDigest digest = sha256();
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    static String ofBody(String method, String path, String query, byte[] body) {
        MessageDigest digest = head(method, path, query);
        digest.update(body);
        return HEX.formatHex(digest.digest());
    }

    /** Parts in name order (the order of fields in a form does not change what it asks for), values in sent order. */
    static String ofForm(String method, String path, String query, FormData form) {
        MessageDigest digest = head(method, path, query);
        List<String> names = new ArrayList<>();
        form.forEach(names::add);
        names.sort(null);
        for (String name : names) {
            for (FormValue value : form.get(name)) {
                field(digest, "name", name);
                field(digest, "file", value.getFileName());
                if (value.isFileItem()) {
                    try (InputStream in = value.getFileItem().getInputStream()) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            digest.update(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not read an uploaded part to fingerprint it", e);
                    }
                } else {
                    field(digest, "value", value.getValue());
                }
            }
        }
        return HEX.formatHex(digest.digest());
    }

    private static MessageDigest head(String method, String path, String query) {
        MessageDigest digest = sha256();
        field(digest, "method", method);
        field(digest, "path", path);
        field(digest, "query", query);
        return digest;
    }

    /** Length-prefixed, so that no two different requests run together into the same bytes. */
    private static void field(MessageDigest digest, String label, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update((label + ":" + (value == null ? -1 : bytes.length) + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
