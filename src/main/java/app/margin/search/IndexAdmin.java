package app.margin.search;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.search.SearchDtos.RebuildResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Index maintenance a supervisor may ask for: a rebuild from the database. */
@ApplicationScoped
public class IndexAdmin {
    private final ProjectAccess access;
    private final ProjectIndexes indexes;
    private final IndexSource source;

    IndexAdmin(ProjectAccess access, ProjectIndexes indexes, IndexSource source) {
        this.access = access;
        this.indexes = indexes;
        this.source = source;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RebuildResult rebuild(long projectId) {
        access.require(projectId, Permission.SEE_ALL_LAYERS);
        long documents = indexes.rebuild(projectId);
        return new RebuildResult(documents, source.latestSeq(projectId));
    }
}
