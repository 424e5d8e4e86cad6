/**
 * Single sign-on through an identity provider (quarkus-oidc, team profile): the browser's authorization-code flow
 * (with PKCE) and bearer tokens for the API both end in the same {@link app.margin.identity.AppUser}, made from the
 * token's claims at the first sign-in and updated at each later one. Access is then decided by
 * {@link app.margin.identity.ProjectAccess} exactly as for local accounts.
 */
package app.margin.identity.oidc;
