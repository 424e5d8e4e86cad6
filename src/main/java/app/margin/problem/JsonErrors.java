package app.margin.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Describes a JSON reading error in plain words, without Java type names. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        if (e instanceof UnstorableText.Refused refused) {
            String field = field(refused);
            return (field == null ? "The text" : "The field '" + field + "'") + " contains " + refused.what()
                    + ", which Margin does not store. " + TextCharacters.REMEDY;
        }
        if (isTooLarge(e)) {
            return tooLarge();
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return "‘" + invalid.getValue() + "’ is not allowed for '" + field(invalid) + "'; use one of " + allowed + ".";
        }
        if (e instanceof MismatchedInputException trailing && trailing.getMessage() != null
                && trailing.getMessage().startsWith("Trailing token")) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            return "There is more text after the JSON value (line " + line + ", column " + column
                    + "); send exactly one JSON value.";
        }
        if (e instanceof MismatchedInputException mismatched) {
            String field = field(mismatched);
            return field == null ? "The JSON does not have the expected shape."
                    : "The field '" + field + "' has a value of the wrong type.";
        }
        int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
        return "The text is not valid JSON (line " + line + ", column " + column + ").";
    }

    /**
     * Whether Jackson refused a text, number or nesting beyond its limits (StreamConstraintsException), also when
     * wrapped with the path of the field it was in.
     */
    public static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    /** A JSON body (or one text in it) beyond what Margin reads; answered 413. */
    public static String tooLarge() {
        return "This JSON request is larger than Margin accepts: at most " + TextLimits.number(TextLimits.JSON_BODY_BYTES
                / (1024 * 1024)) + " MB per request, and a memo may be at most " + TextLimits.number(TextLimits.MEMO_BODY)
                + " characters. Send less at once.";
    }

    private static String field(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                path.append("[").append(r.getIndex()).append("]");
            }
        }
        return path.toString();
    }
}
