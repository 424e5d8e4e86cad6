package app.margin.search;

/** A query Margin cannot run, with the sentence that tells the researcher why (and where, when known). */
final class QueryProblem extends RuntimeException {
    private final Integer column;

    QueryProblem(String message) {
        this(message, null);
    }

    QueryProblem(String message, Integer column) {
        super(message);
        this.column = column;
    }

    Integer column() {
        return column;
    }
}
