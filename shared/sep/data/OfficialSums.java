package sep.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

// JBang: embed the sums table in the script's jar at the same classpath location Maven uses.
//FILES sep/data/official-sha256.tsv=official-sha256.tsv

/**
 * SHA-256 and size of every audio file inside the two official archives, as shipped with SEP in
 * {@code official-sha256.tsv} (columns {@code archive, path_in_archive, sha256, bytes}). Used to verify
 * a fresh download of the originals. Tests pass their own table, so the sums are not hard-wired.
 */
public final class OfficialSums {
    /** Classpath location of the shipped table (Maven copies it from shared/, JBang embeds it with //FILES). */
    public static final String RESOURCE = "/sep/data/official-sha256.tsv";

    public record Entry(String archive, String pathInArchive, String sha256, long bytes) {}

    private final List<Entry> entries;

    public OfficialSums(List<Entry> entries) {
        for (Entry e : entries) {
            if (OfficialDataset.byArchive(e.archive()) == null) {
                throw new IllegalArgumentException("sums list names unknown archive '" + e.archive() + "' for "
                        + e.pathInArchive() + "; known: emodb-download.zip, Audio_Speech_Actors_01-24.zip");
            }
        }
        this.entries = List.copyOf(entries);
    }

    /** The table shipped with SEP. */
    public static OfficialSums bundled() throws DataException {
        InputStream in = OfficialSums.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new DataException("the official SHA-256 list " + RESOURCE + " is not on the classpath; it ships as "
                    + "shared/sep/data/official-sha256.tsv (Maven copies it via <resources> in pom.xml, JBang via "
                    + "//FILES in OfficialSums.java): check that file is present and rebuild");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader, "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new DataException("cannot read the official SHA-256 list " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a table in the same format as {@code OFFICIAL-SHA256.tsv}. */
    public static OfficialSums read(Path tsv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return parse(reader, tsv.toString());
        }
    }

    static OfficialSums parse(BufferedReader reader, String source) throws IOException {
        List<Entry> list = TsvTable.read(reader, source, columns -> {
            if (!columns.equals(List.of("archive", "path_in_archive", "sha256", "bytes"))) {
                throw new DataException(source + ": expected the header 'archive, path_in_archive, sha256, bytes' "
                        + "(tab-separated), found: " + String.join(", ", columns));
            }
            return f -> {
                if (f.length != 4) throw new IllegalArgumentException("expected 4 tab-separated columns, found " + f.length);
                ExpectedFile.checkRelative(f[1]);
                if (!f[2].matches("[0-9a-fA-F]{64}")) throw new IllegalArgumentException("not a SHA-256: " + f[2]);
                return new Entry(f[0], f[1], f[2].toLowerCase(java.util.Locale.ROOT), Long.parseLong(f[3]));
            };
        });
        try {
            return new OfficialSums(list);
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ": " + e.getMessage());
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries of one archive, keyed by path inside the archive, in table order. */
    public Map<String, Entry> forArchive(String archive) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.archive().equals(archive)) map.put(e.pathInArchive(), e);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The files one dataset puts in the data folder once downloaded and unpacked. */
    public List<ExpectedFile> expectedFiles(OfficialDataset dataset) {
        List<ExpectedFile> list = new ArrayList<>();
        for (Entry e : entries) {
            if (e.archive().equals(dataset.archiveName())) {
                list.add(new ExpectedFile(dataset.id(), dataset.dataPath(e.pathInArchive()), e.sha256(), e.bytes()));
            }
        }
        return list;
    }

    /** The files of all datasets, in table order. */
    public List<ExpectedFile> expectedFiles() {
        List<ExpectedFile> list = new ArrayList<>();
        for (OfficialDataset d : OfficialDataset.values()) list.addAll(expectedFiles(d));
        return list;
    }
}
