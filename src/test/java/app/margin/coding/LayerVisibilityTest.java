package app.margin.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rule without a database: random rounds, turned into blind documents and shared coders the way the database
 * views do it, checked coding by coding against the README's wording; and the JPQL the rule renders to.
 */
class LayerVisibilityTest {

    record Round(Set<Long> documents, Set<Long> coders, boolean blind, boolean revealed) {
    }

    @Test
    void theRuleIsTheReadmesRule() {
        for (int seed = 1; seed <= 2_000; seed++) {
            Random random = new Random(seed);
            int coders = 2 + random.nextInt(5);
            int documents = 1 + random.nextInt(6);
            List<Round> rounds = new ArrayList<>();
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
                rounds.add(new Round(subset(random, documents, 1), subset(random, coders, 2), random.nextBoolean(),
                        random.nextBoolean()));
            }
            long me = 1;
            boolean seesAll = random.nextInt(6) == 0;
            // what the views blind_document and revealed_layer hold for the caller
            Set<Long> blind = new TreeSet<>();
            Map<Long, Set<Long>> shared = new TreeMap<>();
            for (Round r : rounds) {
                if (r.coders().contains(me) && r.blind() && !r.revealed()) {
                    blind.addAll(r.documents());
                }
                if (r.coders().contains(me) && r.revealed()) {
                    r.documents().forEach(d -> r.coders().stream().filter(c -> c != me)
                            .forEach(c -> shared.computeIfAbsent(d, k -> new TreeSet<>()).add(c)));
                }
            }
            LayerVisibility visibility = LayerVisibility.of(me, seesAll, blind, shared);
            for (long doc = 1; doc <= documents; doc++) {
                VisibleLayers.Layers menu = visibility.layersOn(doc); // the viewer's layer menu on this document
                for (long coder = 1; coder <= coders; coder++) {
                    for (CodingLayer layer : CodingLayer.values()) {
                        assertEquals(readme(me, seesAll, rounds, layer, coder, doc),
                                visibility.mayView(layer, coder, doc),
                                "seed " + seed + ": " + layer + " of " + coder + " on " + doc + ", rounds " + rounds);
                        assertEquals(visibility.mayView(layer, coder, doc), menu.contain(layer, coder),
                                "seed " + seed + ": the layers on " + doc + " offer " + layer + " of " + coder);
                    }
                }
            }
        }
    }

    /** README, "Roles" and "Inter-coder agreement": own layer and master; blind rounds hide all else; reveals share. */
    private static boolean readme(long me, boolean seesAll, List<Round> rounds, CodingLayer layer, long coder, long doc) {
        if (seesAll || (layer == CodingLayer.CODER && coder == me)) {
            return true;
        }
        if (rounds.stream().anyMatch(r -> r.blind() && !r.revealed() && r.coders().contains(me) && r.documents().contains(doc))) {
            return false;
        }
        return layer == CodingLayer.MASTER || rounds.stream().anyMatch(r -> r.revealed() && r.coders().contains(me)
                && r.coders().contains(coder) && r.documents().contains(doc));
    }

    @Test
    void aMasterCodingIsNeverTheCallersOwnLayer() {
        // a former supervisor's adjudications are master codings with their id: hidden like the rest of the master
        // layer on their blind documents (as search always hid them)
        LayerVisibility coder = LayerVisibility.of(7, false, Set.of(3L), Map.of());
        assertFalse(coder.mayView(CodingLayer.MASTER, 7, 3));
        assertTrue(coder.mayView(CodingLayer.CODER, 7, 3));
        assertTrue(coder.mayView(CodingLayer.MASTER, 7, 4));
    }

    @Test
    void theJpqlConditionHasOneClausePerPartAndNamedParameters() {
        LayerVisibility coder = LayerVisibility.of(7, false, Set.of(3L), Map.of(4L, Set.of(8L, 9L), 5L, Set.of(8L, 9L)));
        VisibilityCondition condition = VisibilityCondition.of(coder, VisibilityCondition.Columns.of("c"));
        assertEquals("((c.layer = :vis0 and c.coderId in (:vis1)) or (c.layer = :vis2 and c.documentId not in (:vis3)) "
                + "or (c.layer = :vis4 and c.coderId in (:vis5) and c.documentId in (:vis6)))", condition.where());
        assertEquals(CodingLayer.MASTER, condition.parameters().get("vis2"));
        assertEquals(List.of(8L, 9L), condition.parameters().get("vis5"));
        assertEquals(Set.of(4L, 5L), condition.parameters().get("vis6"));

        LayerVisibility supervisor = LayerVisibility.of(7, true, Set.of(3L), Map.of());
        assertFalse(VisibilityCondition.of(supervisor, VisibilityCondition.Columns.CODING).restricts());
        assertEquals("", supervisor.restriction(new java.util.HashMap<>()));
    }

    private static Set<Long> subset(Random random, int size, int atLeast) {
        Set<Long> chosen = new TreeSet<>();
        while (chosen.size() < atLeast || random.nextBoolean()) {
            chosen.add(1L + random.nextInt(size));
            if (chosen.size() == size) {
                break;
            }
        }
        return chosen;
    }
}
