package sep.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken model folders fail with an IOException that names the folder. */
class ModelStoreTest {

    @TempDir
    Path tmp;

    void assertFailsNaming(Path dir, String fragment) {
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void missingFolderOrManifest() throws IOException {
        assertFailsNaming(tmp.resolve("nothing-here"), "not a model folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFailsNaming(empty, "model.json");
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("model.json"), "{not json");
        assertFailsNaming(bad, "not valid JSON");
    }

    @Test
    void unknownOrMissingKind() throws IOException {
        Path svm = Files.createDirectories(tmp.resolve("svm"));
        Files.writeString(svm.resolve("model.json"), "{\"kind\": \"svm-from-the-future\"}");
        assertFailsNaming(svm, "unknown model kind \"svm-from-the-future\"");
        Path none = Files.createDirectories(tmp.resolve("none"));
        Files.writeString(none.resolve("model.json"), "{\"labels\": []}");
        assertFailsNaming(none, "kind");
    }

    @Test
    void knowsTheDeepKinds() {
        assertTrue(ModelStore.kinds().containsAll(java.util.List.of("ann", "cnn", "resnet", "efficientnet")));
    }
}
