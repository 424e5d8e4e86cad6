package app.margin.problem;

import java.util.Locale;

/**
 * How long each text Margin stores may be: the lengths of the database columns (db/migration), and limits of Margin's
 * own for the columns that have none (a memo body). Every input is checked against these before anything is saved,
 * so a value that does not fit is a 400 naming the field and its limit, never a database error. JSON request bodies
 * name them in {@code @Size(max = TextLimits.…)} (worded by ValidationWords); form fields,
 * CSV cells and imported metadata call {@link #require}. A new varchar column gets its constant here.
 */
public final class TextLimits {
    /** app_user.username */
    public static final int USERNAME = 100;
    /** app_user.display_name */
    public static final int DISPLAY_NAME = 200;
    /** app_user.email */
    public static final int EMAIL = 320;
    /** project.name */
    public static final int PROJECT_NAME = 200;
    /** project.description (unbounded column) */
    public static final int PROJECT_DESCRIPTION = 5_000;
    /** research_case.name */
    public static final int CASE_NAME = 200;
    /** case_attribute.name, document_attribute.name (longer names are cut when normalised, see AttributeNames) */
    public static final int ATTRIBUTE_NAME = 100;
    /** case_attribute.val, document_attribute.val */
    public static final int ATTRIBUTE_VALUE = 1_000;
    /** document.title */
    public static final int DOCUMENT_TITLE = 500;
    /** document.language */
    public static final int LANGUAGE = 20;
    /** document.field_place */
    public static final int PLACE = 500;
    /** document.field_author */
    public static final int AUTHOR = 200;
    /** text_unit.speaker */
    public static final int SPEAKER = 200;
    /** code.name */
    public static final int CODE_NAME = 200;
    /** code.definition, inclusion, exclusion, example (unbounded columns) */
    public static final int CODE_TEXT = 20_000;
    /** memo.title */
    public static final int MEMO_TITLE = 300;
    /** memo.body (unbounded column): a long memo is a few thousand words; this is some 40 pages of them */
    public static final int MEMO_BODY = 100_000;
    /** agreement_round.name */
    public static final int ROUND_NAME = 200;
    /** adjudication.note */
    public static final int ADJUDICATION_NOTE = 2_000;
    /**
     * The largest JSON request body, in bytes. Uploads (multipart, CSV) may be far larger
     * ({@code quarkus.http.limits.max-body-size}); no JSON request needs more than a few megabytes.
     */
    public static final long JSON_BODY_BYTES = 16L * 1024 * 1024;

    private TextLimits() {
    }

    /** Refuses {@code value} (400) when it is longer than {@code max}; {@code field} is the name the caller used. */
    public static void require(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw tooLong(field, value.length(), max);
        }
    }

    public static ProblemException tooLong(String field, int length, int max) {
        return ProblemException.badRequest(tooLongWords(field, length, max)).with("field", field).with("limit", max);
    }

    /** The words of {@link #tooLong}, for a message that names more than the field (e.g. the file it came with). */
    public static String tooLongWords(String field, int length, int max) {
        return "'" + field + "' can be at most " + number(max) + " characters; this one has " + number(length) + ".";
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
