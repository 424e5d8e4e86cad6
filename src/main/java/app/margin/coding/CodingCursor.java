package app.margin.coding;

import app.margin.problem.ProblemException;
import java.util.Map;

/**
 * Where a page of {@code GET …/codings} ends, in the list's order (document, start, end, id): the next page starts
 * after it. Written as {@code documentId.start.end.id}, so the next page is found by the index on that order
 * (keyset paging), stays right when codings are added or removed meanwhile, and costs the same on page 1 and page 300.
 */
record CodingCursor(long documentId, int start, int end, long id) {
    static CodingCursor after(Coding c) {
        return new CodingCursor(c.documentId, c.startOffset, c.endOffset, c.id);
    }

    static CodingCursor parse(String text) {
        String[] parts = text.strip().split("\\.");
        try {
            if (parts.length == 4) {
                return new CodingCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("The after parameter is not one Margin gave out: send the value from the "
                + "previous page's Link header (rel=\"next\"), or leave it out for the first page.");
    }

    @Override
    public String toString() {
        return documentId + "." + start + "." + end + "." + id;
    }

    /** The JPQL condition "after this cursor in the list's order", with its parameters. */
    String condition(Map<String, Object> params) {
        params.put("afterDoc", documentId);
        params.put("afterStart", start);
        params.put("afterEnd", end);
        params.put("afterId", id);
        return " and (documentId > :afterDoc or (documentId = :afterDoc and (startOffset > :afterStart"
                + " or (startOffset = :afterStart and (endOffset > :afterEnd"
                + " or (endOffset = :afterEnd and id > :afterId))))))";
    }
}
