/**
 * Slows down password guessing: failed sign-ins (the sign-in form and HTTP Basic) are counted per account and per
 * client address; after a few each attempt waits longer, then the account (for addresses it has not signed in from)
 * or the address is locked for a while and answered 429. State is in memory, per instance, and bounded.
 */
package app.margin.identity.throttle;
