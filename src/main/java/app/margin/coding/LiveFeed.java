package app.margin.coding;

import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
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
 * The live event streams of open viewers: after a change to codings or memos commits ({@link LiveNotice}), each
 * member listening on the project is sent {@code {type, documentId, seq}} if {@link LayerVisibility} lets them see
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

    /** What a listener is sent: no participant text, no code, no coder; the viewer asks the API again. */
    public record Notice(String type, Long documentId, long seq) {
        /** Not a change: sent as a comment line. */
        static final Notice HEARTBEAT = new Notice("heartbeat", null, 0);
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
            sender.execute(() -> send(notice));
        }
    }

    private void heartbeat() {
        listeners.values().forEach(set -> set.forEach(listener -> listener.emitter().emit(Notice.HEARTBEAT)));
    }

    private void send(LiveNotice notice) {
        List<Listener> now = List.copyOf(listeners.getOrDefault(notice.projectId(), Set.of()));
        Notice sent = new Notice(notice.type().name().toLowerCase(), notice.documentId(), notice.seq());
        for (Listener listener : now) {
            try {
                Boolean sees = QuarkusTransaction.requiringNew().call(() -> {
                    Grant grant = access.grantOf(notice.projectId(), listener.userId());
                    return grant == null ? null : notice.visibleTo(LayerVisibility.of(grant));
                });
                if (sees == null) {
                    listener.emitter().complete(); // no longer a member
                } else if (sees) {
                    listener.emitter().emit(sent);
                }
            } catch (RuntimeException e) {
                LOG.warnf("A live notice of project %d could not be sent: %s", notice.projectId(), e.toString());
                listener.emitter().fail(e);
            }
        }
    }
}
