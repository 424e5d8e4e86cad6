package app.margin.coding;

import app.margin.coding.VisibleLayers.Documents;
import app.margin.coding.VisibleLayers.Layers;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A caller's {@link LayerVisibility} as a JPQL condition over a query's Coding entity: one clause per
 * {@link VisibleLayers part}, OR-ed, with named parameters (all starting with {@code vis}, so they never collide with
 * the query's own). Every query that filters codings by visibility appends this condition; none writes the rule.
 *
 * <p>Document sets go in as parameter lists: a blind round of a few thousand documents is a few thousand bind
 * values, well inside what H2 and PostgreSQL accept (PostgreSQL's limit is 65,535 per statement).
 */
public record VisibilityCondition(String where, Map<String, Object> parameters) {
    private static final String ALWAYS = "(1 = 1)";

    /** Where a query finds the coding's layer, coder and document (a JPQL path each). */
    public record Columns(String layer, String coder, String document) {
        /** The attributes of an unaliased {@code Coding} query (Panache's {@code Coding.list("…")}). */
        public static final Columns CODING = new Columns("layer", "coderId", "documentId");

        /** The attributes of {@code Coding} under an alias, as in {@code select … from Coding c}. */
        public static Columns of(String alias) {
            return new Columns(alias + ".layer", alias + ".coderId", alias + ".documentId");
        }
    }

    public static VisibilityCondition of(LayerVisibility visibility, Columns columns) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> clauses = new ArrayList<>();
        for (VisibleLayers part : visibility.parts()) {
            if (part.layers().every() && part.documents().all()) {
                return new VisibilityCondition(ALWAYS, Map.of());
            }
            List<String> conditions = new ArrayList<>();
            layers(part.layers(), columns, parameters, conditions);
            documents(part.documents(), columns, parameters, conditions);
            clauses.add(String.join(" and ", conditions));
        }
        if (clauses.isEmpty()) {
            return new VisibilityCondition("1 = 0", Map.of());
        }
        String where = clauses.size() == 1 ? clauses.getFirst() : "(" + String.join(") or (", clauses) + ")";
        return new VisibilityCondition("(" + where + ")", parameters);
    }

    /** False when the caller sees everything: the condition is then always true and can be left out. */
    public boolean restricts() {
        return !where.equals(ALWAYS);
    }

    /** Binds the parameters to a query built with {@link #where}. */
    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    private static void layers(Layers layers, Columns columns, Map<String, Object> parameters, List<String> conditions) {
        if (layers.every()) {
            return;
        }
        List<String> any = new ArrayList<>();
        if (layers.master()) {
            any.add(columns.layer() + " = " + parameter(parameters, CodingLayer.MASTER));
        }
        if (!layers.coders().isEmpty()) {
            any.add(columns.layer() + " = " + parameter(parameters, CodingLayer.CODER) + " and " + columns.coder()
                    + " in (" + parameter(parameters, layers.coderIds()) + ")");
        }
        conditions.add(any.size() == 1 ? any.getFirst() : "(" + String.join(" or ", any) + ")");
    }

    private static void documents(Documents documents, Columns columns, Map<String, Object> parameters,
            List<String> conditions) {
        if (documents.all()) {
            return;
        }
        if (!documents.except() && documents.ids().isEmpty()) {
            conditions.add("1 = 0");
            return;
        }
        conditions.add(columns.document() + (documents.except() ? " not in (" : " in (")
                + parameter(parameters, documents.ids()) + ")");
    }

    private static String parameter(Map<String, Object> parameters, Object value) {
        String name = "vis" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }
}
