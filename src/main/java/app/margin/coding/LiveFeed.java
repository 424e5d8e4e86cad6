package app.margin.coding;

import app.margin.codebook.CodebookChanged;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The live event streams of open pages (viewer, codebook, memos): after a change to codings, memos or the codebook
 * commits ({@link LiveNotice}, {@link CodebookChanged}), each member listening on the project is sent
 * {@code {type, documentId, seq}} (a codebook notice also {@code codeId}) if {@link LayerVisibility} lets them see
 * the change, decided afresh per change (a reveal or a role change counts at once). A stream that falls more than
 * {@value #BUFFER} notices behind is ended; the browser reconnects and reloads what it shows.
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    /** Notices a slow stream may hold before it is ended. */
    static final int BUFFER = 64;
    /** How often a comment line keeps idle streams open through proxies. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ProjectAccess access;
    /** Listening streams per project. */
    private final Map<Long, Set<Listener>> listeners = new ConcurrentHashMap<>();
    /** Decides and sends off the committing thread, in commit order. */
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "margin-live-feed");
        t.setDaemon(true);
        return t;
    });

    LiveFeed(ProjectAccess access) {
        this.access = access;
        sender.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** One open stream: whose it is and where its notices go. */
    private record Listener(long userId, MultiEmitter<? super Notice> emitter) {
    }

    /**
     * What a listener is sent: no participant text, no coder, and a code only as the id of the codebook's changed code
     * (left out of other notices); the page asks the API again.
     */
    public record Notice(String type, Long documentId, @JsonInclude(JsonInclude.Include.NON_NULL) Long codeId, long seq) {
        /** Not a change: sent as a comment line. */
        static final Notice HEARTBEAT = new Notice("heartbeat", null, null, 0);
    }

    /** The notices of one member on one project (the caller's grant was checked by the resource), until they leave. */
    public Multi<Notice> follow(Grant grant) {
        long projectId = grant.projectId();
        Multi<Notice> notices = Multi.createFrom().<Notice>emitter(emitter -> {
            Listener listener = new Listener(grant.userId(), emitter);
            listeners.computeIfAbsent(projectId, p -> ConcurrentHashMap.newKeySet()).add(listener);
            emitter.onTermination(() -> leave(projectId, listener));
            emitter.emit(Notice.HEARTBEAT); // sends the response head now: the client knows it is listening
        }).onOverflow().buffer(BUFFER);
        return notices;
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
        listeners.values().forEach(set -> set.forEach(listener -> listener.emitter().complete()));
    }

    private void leave(long projectId, Listener listener) {
        listeners.computeIfPresent(projectId, (p, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) LiveNotice notice) {
        if (listeners.containsKey(notice.projectId())) {
            sender.execute(() -> send(notice.projectId(), List.of(notice)));
        }
    }

    void onCodebookCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CodebookChanged change) {
        if (listeners.containsKey(change.projectId())) {
            sender.execute(() -> send(change.projectId(), LiveNotice.of(change)));
        }
    }

    private void heartbeat() {
        listeners.values().forEach(set -> set.forEach(listener -> listener.emitter().emit(Notice.HEARTBEAT)));
    }

    /**
     * Sends the notices of one committed change to each listener that may see them, deciding visibility once per
     * listener (a merge announces every document, layer and coder its code was used on).
     */
    private void send(long projectId, List<LiveNotice> notices) {
        List<Listener> now = List.copyOf(listeners.getOrDefault(projectId, Set.of()));
        for (Listener listener : now) {
            try {
                List<LiveNotice> seen = QuarkusTransaction.requiringNew().call(() -> {
                    Grant grant = access.grantOf(projectId, listener.userId());
                    if (grant == null) {
                        return null;
                    }
                    LayerVisibility visibility = LayerVisibility.of(grant);
                    return notices.stream().filter(n -> n.visibleTo(visibility)).toList();
                });
                if (seen == null) {
                    listener.emitter().complete(); // no longer a member
                } else {
                    seen.forEach(n -> listener.emitter().emit(new Notice(n.type().name().toLowerCase(), n.documentId(),
                            n.codeId(), n.seq())));
                }
            } catch (RuntimeException e) {
                LOG.warnf("A live notice of project %d could not be sent: %s", projectId, e.toString());
                listener.emitter().fail(e);
            }
        }
    }
}
