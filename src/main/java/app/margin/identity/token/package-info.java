/**
 * Personal API tokens: a signed-in user creates named tokens (optionally expiring) for scripts, sees each once, lists
 * and revokes them. A request sends {@code Authorization: Bearer margin_pat_<secret>}; only bearer values with that
 * prefix are Margin's (others are left to OIDC in the team profile). The secret is 256 random bits and only its
 * SHA-256 is stored: checking a token costs one hash and one index lookup, not a bcrypt check as HTTP Basic does. A
 * token signs its user in as themself, so every access rule ({@code ProjectAccess}) holds unchanged.
 */
package app.margin.identity.token;
