package sep.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The data digest of a run names the audio used: not its order, paths or repetitions across folds. */
class ClipDigestTest {
    static Clip clip(String id, String hash) {
        return new Clip("emodb", id, Path.of("/data/emodb/wav/" + id + ".wav"), "03", Sex.MALE, Emotion.ANGER, Map.of(), hash);
    }

    @Test
    void theDigestDependsOnTheContentOnly() {
        List<Clip> clips = new ArrayList<>(List.of(clip("a", "11"), clip("b", "22"), clip("c", "33")));
        String digest = ClipDigest.of(clips);
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        // The definition, as `printf '11\n22\n33\n' | sha256sum` computes it.
        assertEquals("03b5032e062d5c6146f641a9d607bb063335ba3dcea067d4fca4e2832d441b12", digest);
        Collections.reverse(clips);
        assertEquals(digest, ClipDigest.of(clips), "order does not matter");
        List<Clip> repeated = new ArrayList<>(clips);
        repeated.addAll(clips);
        assertEquals(digest, ClipDigest.of(repeated), "a clip used by several folds counts once");
        assertNotEquals(digest, ClipDigest.of(List.of(clip("a", "11"), clip("b", "22"), clip("c", "34"))), "one changed recording");
        assertNotEquals(digest, ClipDigest.of(List.of(clip("a", "11"), clip("b", "22"))), "one recording fewer");
        // Two byte-identical recordings (RAVDESS actor 07 has a pair) are two clips.
        assertNotEquals(ClipDigest.of(List.of(clip("a", "11"))), ClipDigest.of(List.of(clip("a", "11"), clip("d", "11"))));
        assertThrows(IllegalArgumentException.class, () -> ClipDigest.of(List.of(clip("x", null))));
    }
}
