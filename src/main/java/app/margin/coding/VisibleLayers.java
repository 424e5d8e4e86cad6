package app.margin.coding;

import java.util.Set;

/**
 * One part of what a caller sees: some layers on some documents. {@link LayerVisibility#parts()} is the whole rule as
 * a list of these (a coding is visible when one part covers it); the in-memory check, the JPQL condition and the
 * Lucene filter are each a translation of that list, so they cannot say different things.
 */
public record VisibleLayers(Layers layers, Documents documents) {

    /** Whether this part covers a coding of one layer, made by one coder, on one document. */
    public boolean covers(CodingLayer layer, long coderId, long documentId) {
        return layers.contain(layer, coderId) && documents.contain(documentId);
    }

    /** This part limited to the layers also in {@code asked}; null when they have none in common. */
    VisibleLayers narrowedTo(Layers asked) {
        Layers common = layers.intersect(asked);
        return common == null ? null : new VisibleLayers(common, documents);
    }

    /**
     * Which layers: every layer, or the master layer and/or the own layers of some coders. (Master codings also carry the
     * id of whoever made them; that id never makes a master coding visible.)
     */
    public record Layers(boolean every, boolean master, Set<Long> coders) {
        public static final Layers EVERY = new Layers(true, false, Set.of());
        public static final Layers MASTER = new Layers(false, true, Set.of());

        public Layers {
            coders = Set.copyOf(coders);
        }

        public static Layers coders(Set<Long> coderIds) {
            return new Layers(false, false, coderIds);
        }

        /** One layer: the master layer, or one coder's own layer. */
        public static Layers of(CodingLayer layer, long coderId) {
            return layer == CodingLayer.MASTER ? MASTER : coders(Set.of(coderId));
        }

        /** The coders' own layers, with their ids in order (for stable query texts). */
        public java.util.List<Long> coderIds() {
            return coders.stream().sorted().toList();
        }

        public boolean contain(CodingLayer layer, long coderId) {
            return every || (layer == CodingLayer.MASTER ? master : coders.contains(coderId));
        }

        Layers intersect(Layers other) {
            if (every) {
                return other;
            }
            if (other.every) {
                return this;
            }
            boolean bothMaster = master && other.master;
            Set<Long> common = coders.stream().filter(other.coders::contains).collect(java.util.stream.Collectors.toSet());
            return !bothMaster && common.isEmpty() ? null : new Layers(false, bothMaster, common);
        }
    }

    /** Which documents: every document but some ({@code except}), or only some. */
    public record Documents(Set<Long> ids, boolean except) {
        public static final Documents ALL = new Documents(Set.of(), true);

        public Documents {
            ids = Set.copyOf(ids);
        }

        public static Documents allExcept(Set<Long> ids) {
            return new Documents(ids, true);
        }

        public static Documents only(Set<Long> ids) {
            return new Documents(ids, false);
        }

        public boolean all() {
            return except && ids.isEmpty();
        }

        public boolean contain(long documentId) {
            return ids.contains(documentId) != except;
        }
    }
}
