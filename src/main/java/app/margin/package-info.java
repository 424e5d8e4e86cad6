/** Margin: qualitative coding of interview data. One sub-package per feature. */
package app.margin;
