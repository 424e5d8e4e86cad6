package app.margin.reliability.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.problem.ProblemException;
import app.margin.problem.StorageFailure;
import app.margin.problem.StorageFailure.Cause;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What H2 (as Margin runs it: file store through "retry:", WRITE_DELAY=0) does when its disk fills, on a real 2 MiB filesystem: the
 * write that fails is recognised as "disk full, not saved", H2 closes the database after it (every later statement is
 * "database closed"), and once space is freed the database opens with every committed row and nothing else.
 */
class DiskH2FullTest {

    @Test
    void h2OnAFullDiskRefusesTheWriteClosesAndReopensWithEveryCommittedRow() throws Exception {
        Assumptions.assumeTrue(SmallDisk.why().isEmpty(), () -> "Skipped: " + SmallDisk.why().orElse(""));
        Path dir = Path.of("target", "disk-h2-" + ProcessHandle.current().pid()).toAbsolutePath();
        try (SmallDisk disk = SmallDisk.mount(dir, 2L << 20)) {
            String url = "jdbc:h2:file:retry:" + dir.resolve("margin") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
            List<Integer> committed = new ArrayList<>();
            SQLException failure = null;
            String row = SmallDisk.filler(2000, 1); // ~12 KB a row: the disk fills after ~150 rows
            try (Connection db = DriverManager.getConnection(url, "margin", "margin")) {
                try (Statement ddl = db.createStatement()) {
                    ddl.execute("create table coding (id int primary key, body clob)");
                }
                try (PreparedStatement insert = db.prepareStatement("insert into coding values (?, ?)")) {
                    for (int id = 1; id < 10_000 && failure == null; id++) {
                        try {
                            insert.setInt(1, id);
                            insert.setString(2, row + id);
                            insert.executeUpdate(); // autocommit: returning is the acknowledgement
                            committed.add(id);
                        } catch (SQLException e) {
                            failure = e;
                        }
                    }
                }
                assertNotNull(failure, "a 2 MiB disk should have filled");
                StorageFailure first = StorageFailure.of(failure).orElseThrow();
                assertEquals(Cause.DISK_FULL, first.cause());
                assertTrue(first.restartNeeded(), "H2 closes itself after a failed write");
                ProblemException problem = ProblemException.unexpected(failure, "unused");
                assertEquals(507, problem.status());

                SQLException next = null;
                try (Statement read = db.createStatement()) {
                    read.executeQuery("select count(*) from coding");
                } catch (SQLException e) {
                    next = e;
                }
                assertNotNull(next, "H2 2.4 answers nothing once it has closed itself");
                StorageFailure after = StorageFailure.of(next).orElseThrow();
                assertTrue(after.databaseClosed(), String.valueOf(next));
                assertEquals(503, ProblemException.unexpected(next, "unused").status());
            } catch (SQLException closing) {
                // closing a connection to a closed database may fail too
            }

            disk.grow(64L << 20);
            try (Connection db = DriverManager.getConnection(url, "margin", "margin");
                    Statement read = db.createStatement();
                    ResultSet rows = read.executeQuery("select id from coding order by id")) {
                List<Integer> stored = new ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getInt(1));
                }
                assertFalse(committed.isEmpty());
                assertEquals(committed, stored, "every acknowledged row, and no other, is there after reopening");
            }
        }
    }
}
