package sep.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data digest of a run: SHA-256 over the sorted content hashes of every distinct clip it used, one hash a line.
 * It names the audio itself, not paths or names, so the same corpus in another folder or with renamed files gives the
 * same digest, and one changed, added or removed recording gives another.
 */
public final class ClipDigest {
    private ClipDigest() {}

    public static String of(Collection<Clip> clips) {
        // A clip is counted once however many folds use it; two byte-identical recordings are two clips.
        Map<String, String> hashByKey = new LinkedHashMap<>();
        for (Clip c : clips) {
            if (c.sha256() == null || c.sha256().isBlank()) throw new IllegalArgumentException(c.key() + " has no content hash");
            hashByKey.put(c.key(), c.sha256());
        }
        MessageDigest digest = DatasetVerifier.newSha256();
        hashByKey.values().stream().sorted().forEach(h -> digest.update((h + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }
}
