package app.margin.storage;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds participants' interviews (the database, the search indexes, backups):
 * only the account that runs Margin may read it. Its own permissions are set to {@code rwx------} before the database
 * opens, which closes every file inside to others whatever their own modes; the files directly in it are set to
 * {@code rw-------} as well, for copies made with their modes kept.
 */
final class PrivateDataDirectory {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateDataDirectory() {
    }

    static void restrict(Path dataDir) {
        try {
            if (!DIRECTORY.equals(Files.getPosixFilePermissions(dataDir))) {
                Files.setPosixFilePermissions(dataDir, DIRECTORY);
                Log.infof("Made %s readable by its owner only (it holds participants' interviews)", dataDir);
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, Files::isRegularFile)) {
                for (Path file : entries) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            Log.debugf("%s is not on a POSIX file system; its permissions are left to the administrator", dataDir);
        } catch (IOException | SecurityException e) {
            Log.warnf("Could not make %s readable by its owner only (%s); restrict it yourself, e.g. chmod 700",
                    dataDir, e.getMessage());
        }
    }
}
