package app.margin.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Locale;
import java.util.Map;

/**
 * The one place a Bean Validation violation becomes a sentence for a researcher: "The name can be at most 200
 * characters." rather than Hibernate Validator's "size must be between 0 and 200". A constraint whose annotation
 * carries its own sentence ({@code @NotBlank(message = "A code needs a name.")}) keeps it; every other is worded here
 * by its kind, with the field's name in words ({@code caseName} → "case name").
 */
final class ValidationWords {
    /** Bean Validation's own templates start so; anything else is a sentence written on the annotation. */
    private static final String DEFAULT_TEMPLATE = "{jakarta.validation.constraints.";
    /** Field names that camel-case splitting would not put right. */
    private static final Map<String, String> NAMES = Map.of(
            "displayName", "display name",
            "newPassword", "new password",
            "codeIds", "list of codes",
            "documentIds", "list of documents",
            "coders", "list of coders");

    private ValidationWords() {
    }

    /** The field as the API names it: the last node of the property path ({@code create.request.name} → name). */
    static String field(ConstraintViolation<?> v) {
        String field = "";
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getName() != null) {
                field = node.getName();
            }
        }
        return field;
    }

    static String message(ConstraintViolation<?> v) {
        ConstraintDescriptor<?> constraint = v.getConstraintDescriptor();
        if (!v.getMessageTemplate().startsWith(DEFAULT_TEMPLATE)) {
            return v.getMessage();
        }
        String the = "The " + words(field(v));
        Map<String, Object> a = constraint.getAttributes();
        return switch (constraint.getAnnotation().annotationType().getSimpleName()) {
            case "Size" -> size(the, (int) a.get("min"), (int) a.get("max"));
            case "NotBlank", "NotEmpty" -> the + " cannot be empty.";
            case "NotNull" -> field(v).equals("request") ? "The request has no body: send the details as JSON."
                    : the + " is missing.";
            case "Min", "DecimalMin" -> the + " must be at least " + a.get("value") + ".";
            case "Max", "DecimalMax" -> the + " can be at most " + a.get("value") + ".";
            case "Positive" -> the + " must be more than 0.";
            case "PositiveOrZero" -> the + " cannot be below 0.";
            case "Email" -> the + " is not an e-mail address (name@example.org).";
            case "Pattern" -> the + " is not written in the form Margin expects.";
            default -> the + " is not valid.";
        };
    }

    /** {@code @Size} is used on texts (a largest length from TextLimits); a smallest one is worded too. */
    private static String size(String the, int min, int max) {
        if (min <= 0) {
            return the + " can be at most " + characters(max) + ".";
        }
        if (max == Integer.MAX_VALUE) {
            return the + " needs at least " + characters(min) + ".";
        }
        return the + " needs " + TextLimits.number(min) + " to " + characters(max) + ".";
    }

    private static String characters(int n) {
        return TextLimits.number(n) + (n == 1 ? " character" : " characters");
    }

    /** {@code caseName} → "case name"; a name listed in {@link #NAMES} as written there. */
    static String words(String field) {
        String known = NAMES.get(field);
        if (known != null) {
            return known;
        }
        return field.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
