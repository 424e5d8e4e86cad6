/**
 * Analysis algorithms over codings: code × code co-occurrence (overlap, same unit, proximity), code × attribute-value
 * and code × document matrices, log-likelihood keyness of a code's words, and CSV rendering of every matrix.
 *
 * <p>Plain Java with no framework, database or index: the search package gathers the {@link app.margin.analysis.Segment}s
 * and term counts (restricted by whatever query or filter the researcher chose) and hands them to these classes, so
 * every count can be checked in milliseconds against a brute-force computation from the definitions.
 *
 * <p>Sources: Rayson, P. &amp; Garside, R. (2000). Comparing corpora using frequency profiling. Proceedings of the
 * Workshop on Comparing Corpora, ACL 2000, 1–6; Dunning, T. (1993). Accurate methods for the statistics of surprise
 * and coincidence. Computational Linguistics 19(1):61–74.
 */
package app.margin.analysis;
