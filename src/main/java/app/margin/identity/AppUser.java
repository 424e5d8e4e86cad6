package app.margin.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * A person who uses Margin. Local accounts carry a bcrypt hash (quarkus-security-jpa checks it for HTTP Basic);
 * users who sign in through an identity provider have no password here but the same row, so features only ever
 * see an {@code AppUser}.
 */
@Entity
@Table(name = "app_user")
@UserDefinition
public class AppUser extends PanacheEntityBase {
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    public String username;

    @Password(PasswordType.MCF)
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "display_name")
    public String displayName;

    /** From the identity provider (OIDC) at each sign-in; null for local accounts. */
    public String email;

    @Roles
    public String roles;

    @Column(name = "created_at")
    public Instant createdAt;

    /** A disabled account cannot sign in; its codings and memberships stay (an administrator can enable it again). */
    public boolean enabled = true;

    public static Optional<AppUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Users with this e-mail address, ignoring case (addresses come from identity providers and are not unique). */
    public static java.util.List<AppUser> withEmail(String email) {
        return list("lower(email) = ?1", email.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** User names of the given ids, for turning stored ids into the names the API shows. */
    public static Map<Long, String> usernamesById(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            // two columns, not accounts as entities: this runs on every coding list and every opened document, and
            // loading the accounts was the largest part of opening one (JFR of WorkloadBenchmark, issue 14)
            getEntityManager().createQuery("select u.id, u.username from AppUser u where u.id in :ids", Object[].class)
                    .setParameter("ids", new HashSet<>(ids)).getResultList()
                    .forEach(r -> names.put((Long) r[0], (String) r[1]));
        }
        return names;
    }

    public boolean isAdmin() {
        return roles != null && roles.contains(ROLE_ADMIN);
    }
}
