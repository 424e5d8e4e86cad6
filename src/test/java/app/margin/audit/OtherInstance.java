package app.margin.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.persistence.EntityManager;
import java.lang.annotation.Annotation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The audit log as another Margin instance on the same database writes it: the events land in the shared chain,
 * but their announcement stays in that other JVM, so nothing in this one hears of them.
 */
public final class OtherInstance {
    private OtherInstance() {
    }

    public static AuditLog auditLog(EntityManager em, ObjectMapper json) {
        return new AuditLog(em, json, new Unheard());
    }

    private static final class Unheard implements Event<ProjectChanged> {
        @Override
        public void fire(ProjectChanged event) {
        }

        @Override
        public <U extends ProjectChanged> CompletionStage<U> fireAsync(U event) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends ProjectChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public Event<ProjectChanged> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ProjectChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ProjectChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
