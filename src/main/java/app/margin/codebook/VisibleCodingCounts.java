package app.margin.codebook;

import app.margin.identity.ProjectAccess.Grant;
import java.util.Map;

/**
 * Per code id, how many codings the caller sees (codes without codings left out). The coding feature implements it:
 * it owns the codings and the rule of who sees which layer, and the codebook does not depend on it.
 */
public interface VisibleCodingCounts {
    Map<Long, Long> perCode(Grant grant);
}
