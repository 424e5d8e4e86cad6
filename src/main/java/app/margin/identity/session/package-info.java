/**
 * Browser sessions kept on the server. Signing in through the sign-in page ({@code POST /j_security_check}) checks the
 * password through Quarkus' identity providers (quarkus-security-jpa), stores a session row and sets the
 * {@code margin-session} cookie to a random token; only the token's SHA-256 is stored. Each request with the cookie
 * looks its row up, so deleting the row (sign-out, a password change, a disabled account) ends the session at once,
 * on every instance sharing the database, and sessions survive a restart without any key to keep.
 */
package app.margin.identity.session;
