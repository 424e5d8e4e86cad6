/**
 * Text algorithms more than one feature relies on, with no framework dependencies: splitting a text into sentences
 * and paragraphs ({@link app.margin.text.TextUnits}) as {@link app.margin.text.Segment}s. Agreement rounds and the
 * search index both split with it, so "same sentence" means one thing everywhere; it lives here so that neither
 * feature borrows from the other.
 */
package app.margin.text;
