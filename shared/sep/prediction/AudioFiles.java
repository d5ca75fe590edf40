package sep.prediction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The audio files under the paths a user names, found one at a time in a fixed order, so that a folder of any size is
 * never listed into memory at once (only one directory's entries at a time) and a resumed run meets the files in the
 * same order.
 *
 * <ul>
 *   <li>A path named on the command line that is a file is taken whatever its name (its content decides the format);
 *       one that does not exist is taken too, so that it is reported rather than ignored.</li>
 *   <li>Folders are walked recursively, entries in name order, depth first. Hidden entries (names starting with a dot)
 *       are skipped, and symbolic links to folders already walked are not walked again.</li>
 *   <li>Inside folders a file is taken when its extension is that of a readable format (WAV, AIFF, FLAC) or of an
 *       audio format SEP refuses (MP3, Ogg, AAC, Wave64, WavPack, ...: the user should learn why it was not
 *       classified), or when its first bytes say WAV, AIFF or FLAC, or Wave64 or WavPack, whatever its name. Other
 *       files (notes, images, our own CSV) are passed over and counted.</li>
 *   <li>A folder named like an audio file ({@code take.wav/}) is reported as an item that cannot be read rather than
 *       walked: somebody expected a file there.</li>
 *   <li>Every file comes once, however often it is named: the same file twice (even spelled differently: relative,
 *       absolute, with {@code ..}, through a link), or a folder and a file inside it. Files are compared by
 *       {@link #identity}; a file named on its own comes where it is named, not again inside its folder, and
 *       {@link #repeated} counts the names given up.</li>
 * </ul>
 */
public final class AudioFiles implements Iterable<AudioFiles.Found> {
    /** Extensions of the formats the decoder reads (it decides by content; these only pick files out of folders). */
    public static final Set<String> READABLE = Set.of("wav", "wave", "bwf", "rf64", "aif", "aiff", "aifc", "flac");
    /** Audio formats the decoder recognises and refuses with a reason. */
    public static final Set<String> REFUSED = Set.of("mp3", "ogg", "oga", "opus", "m4a", "mp4", "aac", "wma", "caf", "au",
            "snd", "amr", "spx", "w64", "wv");

    /**
     * One item to classify.
     *
     * @param problem why it cannot be read before even opening it (an unlistable folder), or null
     */
    public record Found(Path path, String problem) {}

    private final List<Path> roots;
    private final long[] passedOver = new long[1];
    private final long[] repeated = new long[1];

    public AudioFiles(List<Path> roots) {
        if (roots == null || roots.isEmpty()) throw new IllegalArgumentException("name at least one file or folder");
        this.roots = List.copyOf(roots);
    }

    /** Files passed over inside folders by the iterations so far (not audio by name or content); {@link #count} adds none. */
    public synchronized long passedOver() {
        return passedOver[0];
    }

    /** Files met again by the iterations so far (named twice, or named and inside a named folder) and not given again. */
    public synchronized long repeated() {
        return repeated[0];
    }

    /** Counts the items without keeping them: for the progress total before the real pass. */
    public long count() {
        return count(f -> {});
    }

    /** As {@link #count()}, showing each item to {@code each} (e.g. to note which files a resumed run will meet). */
    public long count(java.util.function.Consumer<Found> each) {
        long n = 0;
        for (Iterator<Found> it = new Walker(false); it.hasNext(); n++) each.accept(it.next());
        return n;
    }

    /**
     * What a path names, however it is spelled: its real path (relative spellings, {@code ..} and links resolved), or the
     * absolute normalised path when it does not exist (yet).
     */
    public static String identity(Path p) {
        Path absolute = p.toAbsolutePath();
        try {
            return absolute.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return absolute.normalize().toString();
        }
    }

    @Override
    public Iterator<Found> iterator() {
        return new Walker(true);
    }

    public static String extension(Path p) {
        Path name = p.getFileName();
        if (name == null) return "";
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean namedLikeAudio(Path p) {
        String ext = extension(p);
        return READABLE.contains(ext) || REFUSED.contains(ext);
    }

    /**
     * WAV, RF64, AIFF/AIFC or FLAC (or Wave64 or WavPack, which the decoder refuses with a reason) by the first 12 bytes;
     * false for anything unreadable.
     */
    static boolean looksLikeAudio(Path p) {
        byte[] b = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(b, 0, b.length);
        } catch (IOException e) {
            return false;
        }
        String head = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("fLaC") || head.startsWith("wvpk")) return true;
        // Wave64's RIFF GUID: "riff" in lower case, then 2E 91 CF 11.
        boolean wave64 = head.startsWith("riff") && n >= 8 && b[4] == 0x2E && (b[5] & 0xff) == 0x91 && (b[6] & 0xff) == 0xCF
                && b[7] == 0x11;
        if (wave64) return true;
        if (n < 12) return false;
        String type = head.substring(8, 12);
        return ((head.startsWith("RIFF") || head.startsWith("RF64")) && type.equals("WAVE"))
                || (head.startsWith("FORM") && (type.equals("AIFF") || type.equals("AIFC")));
    }

    private final class Walker implements Iterator<Found> {
        private final Iterator<Path> rootIterator = roots.iterator();
        /** Entries still to visit, one list per open folder. */
        private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
        private final Set<Path> walked = new HashSet<>();
        /** Identities of the roots that are files: met inside a walked folder, they are left to their own place. */
        private final Set<String> rootFiles = new HashSet<>();
        private final Set<String> rootFilesGiven = new HashSet<>();
        private final boolean counts;
        private Found next;

        Walker(boolean counts) {
            this.counts = counts;
            for (Path root : roots) if (!walkable(root)) rootFiles.add(identity(root));
        }

        private boolean walkable(Path dir) {
            return Files.isDirectory(dir) && !namedLikeAudio(dir);
        }

        private void countRepeated() {
            if (!counts) return;
            synchronized (AudioFiles.this) {
                repeated[0]++;
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) next = advance();
            return next != null;
        }

        @Override
        public Found next() {
            if (!hasNext()) throw new NoSuchElementException();
            Found f = next;
            next = null;
            return f;
        }

        private Found advance() {
            while (true) {
                while (!stack.isEmpty() && !stack.peek().hasNext()) stack.pop();
                if (stack.isEmpty()) {
                    if (!rootIterator.hasNext()) return null;
                    Path root = rootIterator.next();
                    if (walkable(root)) {
                        Found problem = open(root);
                        if (problem != null) return problem;
                        continue;
                    }
                    if (!rootFilesGiven.add(identity(root))) {
                        countRepeated();
                        continue;
                    }
                    return new Found(root, null);
                }
                Path p = stack.peek().next();
                String name = p.getFileName().toString();
                if (name.startsWith(".")) continue;
                if (Files.isDirectory(p)) {
                    if (namedLikeAudio(p)) return new Found(p, null);
                    Found problem = open(p);
                    if (problem != null) return problem;
                    continue;
                }
                if (namedLikeAudio(p) || (Files.isRegularFile(p) && looksLikeAudio(p))) {
                    if (!rootFiles.isEmpty() && rootFiles.contains(identity(p))) {
                        countRepeated();
                        continue;
                    }
                    return new Found(p, null);
                }
                if (counts) {
                    synchronized (AudioFiles.this) {
                        passedOver[0]++;
                    }
                }
            }
        }

        /** Pushes a folder's sorted entries; returns an item to report when it cannot be listed. */
        private Found open(Path dir) {
            try {
                if (!walked.add(dir.toRealPath())) return null;
            } catch (IOException e) {
                return new Found(dir, "cannot open folder: " + e.getMessage());
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) entries.add(p);
            } catch (AccessDeniedException e) {
                return new Found(dir, "cannot list folder: permission denied");
            } catch (IOException e) {
                return new Found(dir, "cannot list folder: " + e.getMessage());
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            stack.push(entries.iterator());
            return null;
        }
    }
}
