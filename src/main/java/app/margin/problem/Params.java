package app.margin.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses query parameters so that a wrong value gets a 400 naming the parameter, not a bare 404. */
public final class Params {
    private Params() {
    }

    public static <E extends Enum<E>> E enumOrNull(Class<E> type, String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.badRequest("‘" + value + "’ is not a valid " + parameter + "; use one of " + allowed + ".");
        }
    }
}
