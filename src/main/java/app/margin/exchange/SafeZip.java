package app.margin.exchange;

import app.margin.config.MarginConfig;
import app.margin.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a ZIP archive into memory with limits on entry count, per-entry and total expanded size and expansion
 * ratio, counted on the bytes actually inflated (sizes written in the archive may lie). Entry names that could
 * escape a folder are refused. Nothing is ever written to disk.
 */
final class SafeZip {
    /** Entries smaller than this are not checked for their ratio: tiny text files compress very well. */
    static final long RATIO_FLOOR = 1 << 20;

    private SafeZip() {
    }

    /** Entry name → content, in archive order (folders left out). */
    static Map<String, byte[]> read(Path file, MarginConfig.Exchange limits) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw refused("The archive has " + zip.size() + " entries, more than the limit of "
                        + limits.maxEntries() + " (margin.exchange.max-entries).");
            }
            long total = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                requireSafeName(name);
                if (entry.isDirectory()) {
                    continue;
                }
                long compressed = Math.max(entry.getCompressedSize(), 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[64 * 1024];
                    long size = 0;
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        size += n;
                        total += n;
                        if (size > limits.maxEntrySize()) {
                            throw refused("‘" + name + "’ expands to more than " + mib(limits.maxEntrySize())
                                    + ", the limit per file (margin.exchange.max-entry-size).");
                        }
                        if (total > limits.maxTotalSize()) {
                            throw refused("The archive expands to more than " + mib(limits.maxTotalSize())
                                    + ", the limit for a whole archive (margin.exchange.max-total-size).");
                        }
                        if (size > RATIO_FLOOR && size / compressed > limits.maxRatio()) {
                            throw refused("‘" + name + "’ expands more than " + limits.maxRatio()
                                    + " times its compressed size, as a zip bomb does (margin.exchange.max-ratio).");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (entries.put(name, out.toByteArray()) != null) {
                    throw refused("The archive holds ‘" + name + "’ twice.");
                }
            }
        } catch (ZipException e) {
            throw refused("The file is not a readable ZIP archive; a .qdpx file is a ZIP with project.qde inside.");
        } catch (IOException e) {
            throw refused("The archive could not be read: it looks damaged or cut off.");
        }
        return entries;
    }

    /** No absolute paths, drive letters, backslashes or ".." segments: a name must stay inside the archive. */
    static void requireSafeName(String name) {
        boolean unsafe = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")
                || name.matches("^[A-Za-z]:.*");
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                unsafe = true;
            }
        }
        if (unsafe) {
            throw refused("The archive contains an entry with an unsafe name (‘" + name.replace("\0", "")
                    + "’) that points outside the archive. Margin refuses such archives.");
        }
    }

    static ProblemException refused(String detail) {
        return ProblemException.badRequest(detail).with("reason", "archive");
    }

    private static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1_048_576.0);
    }
}
