/**
 * Inter-coder agreement: Krippendorff's α (coding and unitizing), Cohen's κ, Fleiss' κ and percent agreement.
 * Plain Java with no framework, so that every figure can be checked against the published worked examples that the
 * tests reproduce.
 *
 * <p>Sources: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
 * University of Pennsylvania (asc_papers/43); Krippendorff, K. (2004). Content Analysis: An Introduction to Its
 * Methodology, 2nd ed., Sage; Krippendorff, K., Mathet, Y., Bouvry, S. &amp; Widlöcher, A. (2016). On the reliability
 * of unitizing textual continua: Further developments. Quality &amp; Quantity 50:2347–2364; Cohen, J. (1960);
 * Fleiss, J. L. (1971).
 */
package app.margin.agreement;
