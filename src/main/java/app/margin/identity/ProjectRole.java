package app.margin.identity;

import static app.margin.identity.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** A member's role in one project; each role includes everything the role before it may do. */
public enum ProjectRole {
    VIEWER(EnumSet.of(READ)),
    CODER(EnumSet.of(READ, CODE)),
    SUPERVISOR(EnumSet.of(READ, CODE, SEE_ALL_LAYERS, EDIT_CODEBOOK, MANAGE_CORPUS, ADJUDICATE, READ_AUDIT)),
    OWNER(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    ProjectRole(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
