package app.margin.analysis;

/**
 * A term over-represented in a target (a code's segments) against a reference (the rest of the corpus).
 *
 * @param logLikelihood G² of the term (Rayson &amp; Garside 2000); above 3.84 the difference is significant at
 *                      p &lt; 0.05, above 6.63 at p &lt; 0.01, above 10.83 at p &lt; 0.001 (1 degree of freedom)
 */
public record KeyTerm(String term, long targetCount, long referenceCount, double logLikelihood) {
}
