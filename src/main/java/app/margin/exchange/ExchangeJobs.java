package app.margin.exchange;

import app.margin.exchange.ExchangeDtos.JobView;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Long exports and imports run here, in the background, one or two at a time. Jobs live in memory: they belong to
 * the user who started them (anyone else gets 404), report their progress, and are forgotten an hour after they
 * finish (or when the service restarts). The work runs as that user, so every access check still applies. An
 * export's file is written to the {@link ExportSpool} on disk, not kept in the heap, and deleted when its job is
 * forgotten.
 */
@ApplicationScoped
public class ExchangeJobs {
    static final Duration KEEP = Duration.ofHours(1);

    /** What a job produces: a spooled file to download, or a JSON value (an import's result). */
    public record Output(java.nio.file.Path file, String fileName, String mediaType, Object json) {
    }

    /** The work of a job, run as its user inside a request context; reports progress in percent. */
    @FunctionalInterface
    public interface Work {
        Output run(IntConsumer progress);
    }

    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String kind;
        final long userId;
        volatile String state = "RUNNING";
        volatile int progress;
        volatile Output output;
        volatile ProblemException problem;
        volatile Instant finished;

        Job(String kind, long userId) {
            this.kind = kind;
            this.userId = userId;
        }

        JobView view() {
            Map<String, Object> p = null;
            if (problem != null) {
                p = new LinkedHashMap<>();
                p.put("status", problem.status());
                p.put("title", problem.title());
                p.put("detail", problem.getMessage());
            }
            return new JobView(id, kind, state, progress, switch (state) {
                case "DONE" -> "Ready.";
                case "FAILED" -> problem.getMessage();
                default -> "Working… " + progress + "%";
            }, output == null ? null : output.fileName(), output == null ? null : output.json(), p);
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExportSpool spool;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "margin-exchange-job");
        t.setDaemon(true);
        return t;
    });

    ExchangeJobs(ExportSpool spool) {
        this.spool = spool;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        jobs.values().forEach(ExchangeJobs::forget);
    }

    /** Writes an export to the spool: what an export job's work returns. */
    Output spooled(ExportFile file) {
        return new Output(spool.write(file.body()), file.fileName(), file.mediaType(), null);
    }

    /** Starts a job as {@code user}; returns at once. */
    public JobView start(String kind, AppUser user, Work work) {
        purge();
        Job job = new Job(kind, user.id);
        jobs.put(job.id, job);
        executor.submit(() -> run(job, user, work));
        return job.view();
    }

    public JobView get(String id, long userId) {
        return find(id, userId).view();
    }

    /** The finished job's output; 409 while it runs, the job's own problem when it failed. */
    public Output result(String id, long userId) {
        Job job = find(id, userId);
        if (job.problem != null) {
            throw job.problem;
        }
        if (job.output == null) {
            throw ProblemException.conflict("This job is not finished yet (" + job.progress + "%). Ask again shortly.");
        }
        return job.output;
    }

    private Job find(String id, long userId) {
        purge();
        Job job = jobs.get(id);
        if (job == null || job.userId != userId) {
            throw ProblemException.notFound("There is no job " + id + " of yours; finished jobs are kept for an hour.");
        }
        return job;
    }

    private void run(Job job, AppUser user, Work work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentCaller.class).get().assume(user);
            // imports run their own transaction; exports read in one
            IntConsumer progress = p -> job.progress = p;
            Output output = job.kind.startsWith("import") ? work.run(progress)
                    : QuarkusTransaction.requiringNew().timeout(QdpxImportService.TIMEOUT_SECONDS).call(() -> work.run(progress));
            job.output = output;
            job.progress = 100;
            job.state = "DONE";
        } catch (ProblemException e) {
            job.problem = e;
            job.state = "FAILED";
        } catch (RuntimeException | Error e) {
            // Errors (running out of memory above all) are caught too: the job ends FAILED with a reason instead of
            // running forever in the browser, and the failure is logged rather than lost in the executor's Future
            String reference = UUID.randomUUID().toString();
            Log.errorf(app.margin.problem.SqlFailures.loggable(e), "Exchange job %s (%s) failed, reference %s", job.id, job.kind, reference);
            job.problem = ProblemException.unexpected(e, reference);
            job.state = "FAILED";
        } finally {
            job.finished = Instant.now();
            request.terminate();
        }
    }

    private void purge() {
        forgetFinishedBefore(Instant.now().minus(KEEP));
    }

    /** Forgets the jobs that finished before {@code cutoff}, deleting their files. */
    void forgetFinishedBefore(Instant cutoff) {
        jobs.values().removeIf(j -> {
            boolean expired = j.finished != null && j.finished.isBefore(cutoff);
            if (expired) {
                forget(j);
            }
            return expired;
        });
    }

    private static void forget(Job job) {
        Output output = job.output;
        if (output != null && output.file() != null) {
            ExportSpool.delete(output.file());
        }
    }
}
