package app.margin.exchange;

import app.margin.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An opened ZIP archive whose entries are inflated only when asked for, one at a time, with limits on entry count,
 * per-entry and total expanded size and expansion ratio, counted on the bytes actually inflated (sizes written in
 * the archive may lie). Entry names that could escape a folder are refused. Nothing is ever written to disk.
 *
 * <p>Inflating every entry up front let a 555 KB archive of 490 highly compressed entries, each under the ratio
 * check's floor, take ~850 MB of heap although the project referred to none of them: now only what the project
 * refers to is read, and every inflated byte is reported to {@code charge} (the budget of bytes in flight across
 * concurrent imports, {@link InflatedBytes}).
 */
final class SafeZip implements Closeable, QdpxReader.Entries {
    /** Entries smaller than this are not checked for their ratio: tiny text files compress very well. */
    static final long RATIO_FLOOR = 1 << 20;

    /** The limits of one archive (margin.exchange.*). */
    record Limits(int maxEntries, long maxEntrySize, long maxTotalSize, int maxRatio) {
    }

    private final ZipFile zip;
    private final Map<String, ZipEntry> files = new LinkedHashMap<>();
    private final Limits limits;
    private final long archiveSize;
    private final LongConsumer charge;
    private long total;
    /** Bytes taken from {@code charge} in advance ({@link #willRead}) and not inflated yet. */
    private long reserved;

    private SafeZip(ZipFile zip, Limits limits, long archiveSize, LongConsumer charge) {
        this.zip = zip;
        this.limits = limits;
        this.archiveSize = Math.max(1, archiveSize);
        this.charge = charge;
    }

    /**
     * Opens an archive and checks its central directory (entry count, names, duplicates) without inflating anything.
     *
     * @param charge told of every inflated byte before it is kept; may throw to stop the import
     */
    static SafeZip open(Path file, Limits limits, LongConsumer charge) {
        ZipFile zip = null;
        try {
            zip = new ZipFile(file.toFile());
            SafeZip archive = new SafeZip(zip, limits, Files.size(file), charge);
            if (zip.size() > limits.maxEntries()) {
                throw refused("The archive has " + zip.size() + " entries, more than the limit of "
                        + limits.maxEntries() + " (margin.exchange.max-entries).");
            }
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                requireSafeName(entry.getName());
                if (!entry.isDirectory() && archive.files.put(entry.getName(), entry) != null) {
                    throw refused("The archive holds ‘" + entry.getName() + "’ twice.");
                }
            }
            return archive;
        } catch (ZipException e) {
            closeQuietly(zip);
            throw refused("The file is not a readable ZIP archive; a .qdpx file is a ZIP with project.qde inside.");
        } catch (IOException e) {
            closeQuietly(zip);
            throw refused("The archive could not be read: it looks damaged or cut off.");
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    /** Names of the files in the archive (folders left out), in archive order. */
    @Override
    public Set<String> names() {
        return files.keySet();
    }

    /** Inflates one entry, counting its bytes against the limits as they come. */
    @Override
    public byte[] read(String name) {
        ZipEntry entry = files.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("not in the archive: " + name);
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
                // many small entries each under the floor: the archive as a whole must not expand like a bomb either
                if (total > RATIO_FLOOR && total / archiveSize > limits.maxRatio()) {
                    throw refused("The files the project refers to expand more than " + limits.maxRatio()
                            + " times the size of the whole archive, as a zip bomb does (margin.exchange.max-ratio).");
                }
                take(n);
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw refused("‘" + name + "’ in the archive is damaged and cannot be unpacked.");
        } catch (IOException e) {
            throw refused("The archive could not be read: it looks damaged or cut off.");
        }
        return out.toByteArray();
    }

    /**
     * Takes the expanded sizes the archive states for these entries (at most the per-entry limit each) at once:
     * imports taking memory piece by piece could each hold part of the budget and all be refused together. An
     * entry that expands to more than it states takes the rest as it is read.
     */
    @Override
    public void willRead(java.util.Collection<String> names) {
        long stated = 0;
        for (String name : names) {
            ZipEntry entry = files.get(name);
            if (entry != null) {
                stated += Math.min(Math.max(entry.getSize(), 0), limits.maxEntrySize());
            }
        }
        stated = Math.min(stated, limits.maxTotalSize() + 1);
        charge.accept(stated);
        reserved += stated;
    }

    private void take(long bytes) {
        long fromReserve = Math.min(bytes, reserved);
        reserved -= fromReserve;
        if (bytes > fromReserve) {
            charge.accept(bytes - fromReserve);
        }
    }

    /** Bytes inflated so far. */
    long inflated() {
        return total;
    }

    @Override
    public void close() {
        closeQuietly(zip);
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

    static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1_048_576.0);
    }

    private static void closeQuietly(ZipFile zip) {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // nothing was written; the temporary upload is deleted by its owner
            }
        }
    }
}
