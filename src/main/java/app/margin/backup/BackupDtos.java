package app.margin.backup;

import java.time.Instant;

/** What the backup endpoints answer. */
public final class BackupDtos {
    private BackupDtos() {
    }

    /**
     * One backup file.
     *
     * @param file the file's name in the backup directory (also the last part of {@code download})
     * @param sizeBytes its size
     * @param createdAt when it was taken (the name says the same, in UTC)
     * @param sha256 hex SHA-256 of the file, also written beside it as {@code <file>.sha256} for {@code sha256sum -c}
     * @param download where an administrator downloads it
     */
    public record BackupView(String file, long sizeBytes, Instant createdAt, String sha256, String download) {
    }
}
