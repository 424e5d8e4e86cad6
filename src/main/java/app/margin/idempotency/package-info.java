/**
 * Requests that are safe to repeat: a changing request sent with an {@code Idempotency-Key} header is carried out
 * once per user and key, and a repeat gets the stored answer (see {@link app.margin.idempotency.IdempotencyFilter}).
 * A package of its own because it is one HTTP mechanism for every feature's changing requests and owns its table;
 * the features themselves know nothing of it.
 */
package app.margin.idempotency;
