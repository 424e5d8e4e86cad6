package app.margin.problem;

/** Numbers with their nouns for the sentences Margin writes: "1 coding", "1,200 codings", never "1 coding(s)". */
public final class Words {
    private Words() {
    }

    /** {@code count(1, "coding")} is "1 coding", {@code count(3, "coding")} "3 codings". */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** For a noun whose plural is not a plain -s: {@code count(2, "diagram set", "diagram sets")}. */
    public static String count(long n, String noun, String plural) {
        return TextLimits.number(n) + " " + (n == 1 ? noun : plural);
    }
}
