package app.margin.identity;

import app.margin.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be: long enough, not the user name, not one of the passwords tried first by anyone
 * guessing (identity/common-passwords.txt), and at most 72 bytes in UTF-8 — bcrypt reads no further, so a longer one
 * would sign in with anything after its 72nd byte.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 8;
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = load("/identity/common-passwords.txt");

    private PasswordPolicy() {
    }

    static void requireAcceptable(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ProblemException.badRequest("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.badRequest("A password can be at most " + MAX_BYTES + " bytes long (about "
                    + MAX_BYTES + " letters, fewer in Hangul); Margin's password hashing reads no further. "
                    + "Choose a shorter one.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("A password must not be the user name.");
        }
        if (COMMON.contains(lower)) {
            throw ProblemException.badRequest("This password is among the most common ones, which are guessed first. "
                    + "Choose another, e.g. three or four unrelated words.");
        }
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
