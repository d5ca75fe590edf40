package sep.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.data.DataLocation;
import sep.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadmeTablesTest {

    private static ObjectNode entry(String model, String dataset, String protocol, String labels, int folds, double ua, double uaSd,
                                    String inputs) {
        ObjectNode e = Json.object();
        e.put("model", model).put("dataset", dataset).put("protocol", protocol).put("label_space", labels).put("folds", folds)
                .put("ua_mean", ua).put("ua_std", uaSd).put("wa_mean", ua + 0.01).put("wa_std", 0.02).put("inputs", inputs)
                .put("transductive", model.endsWith("+spknorm"));
        return e;
    }

    @Test
    void rowsPerRecogniserColumnsPerProtocol() {
        List<JsonNode> entries = List.of(
                entry("resnet", "emodb", "loso", "native", 10, 0.697, 0.082, "log-mel 128"),
                entry("svm", "emodb", "loso", "native", 10, 0.735, 0.126, "acoustic v2 (913)"),
                entry("svm", "ravdess", "split", "native", 1, 0.527, 0, "acoustic v2 (913)"),
                entry("svm-norefit", "emodb", "loso", "native", 10, 0.719, 0.11, "acoustic v2 (913)"),
                entry("resnet-mixup-0.4", "emodb", "loso", "native", 10, 0.71, 0.1, "log-mel 128"),
                entry("resnet+svm+logistic", "emodb", "loso", "native", 10, 0.754, 0.103, "log-mel 128 + acoustic v2 (913) + acoustic v2 (913)"),
                entry("svm+spknorm", "emodb", "loso", "native", 10, 0.855, 0.103, "acoustic v2 (913)"),
                entry("svm", "emodb->ravdess", "cross-corpus", "shared6", 1, 0.146, 0, "acoustic v1 (157)"),
                entry("svm", "emodb", "random-80-20", "shared6", 5, 0.849, 0.047, "acoustic v1 (157)"));
        String md = ReadmeTables.render(entries);
        List<String> lines = md.lines().toList();
        int svm = indexOf(lines, "| RBF SVM | acoustic v2 (913) | 73.5 ± 12.6 | — | — | 52.7 |");
        int resnet = indexOf(lines, "| ResNet | log-mel 128 | 69.7 ± 8.2 | — | — | — |");
        int fusion = indexOf(lines, "| fusion ResNet + SVM + logistic (`sep-fuse`) | log-mel 128 + acoustic v2 (913) | 75.4 ± 10.3 | — | — | — |");
        assertTrue(svm < resnet && resnet < fusion, "classical, deep, then fusions:\n" + md);
        indexOf(lines, "| RBF SVM + spknorm | acoustic v2 (913) | 85.5 ± 10.3 | — |");
        // the across-corpora table: UA, and for the paper's protocol UA (WA) as the paper reports both
        indexOf(lines, "| RBF SVM | acoustic v1 (157) | 14.6 | — | 84.9 ± 4.7 (WA 85.9) | — |");
        assertFalse(md.contains("norefit"), "fusion sources stay in leaderboard.md only");
        assertFalse(md.contains("mixup"), "variants of a recogniser stay in leaderboard.md only");
        assertEquals(1, lines.stream().filter(l -> l.startsWith("| RBF SVM + spknorm")).count(), "transductive rows only in their table");
    }

    @Test
    void networksStartedFromTheOtherCorpusShareOneRow() {
        List<JsonNode> entries = List.of(
                entry("resnet", "emodb", "loso", "native", 10, 0.697, 0.082, "log-mel 128"),
                entry("resnet-init-ravdess", "emodb", "loso", "native", 10, 0.75, 0.08, "log-mel 128"),
                entry("resnet-init-emodb", "ravdess", "grouped-folds", "native", 6, 0.61, 0.05, "log-mel 128"),
                entry("resnet-init-ravdess+svm", "emodb", "loso", "native", 10, 0.78, 0.08, "log-mel 128 + acoustic v2 (913)"),
                entry("resnet-init-ravdess+spknorm", "emodb", "loso", "native", 10, 0.80, 0.07, "log-mel 128"),
                entry("resnet-mixup-0.4-init-ravdess", "emodb", "loso", "native", 10, 0.70, 0.07, "log-mel 128"));
        List<String> lines = ReadmeTables.render(entries).lines().toList();
        int plain = indexOf(lines, "| ResNet | log-mel 128 | 69.7 ± 8.2 | — | — | — |");
        int init = indexOf(lines, "| ResNet, started from the other corpus (`--init-from`) | log-mel 128 | 75.0 ± 8.0 | 61.0 ± 5.0 | — | — |");
        int fusion = indexOf(lines, "| fusion ResNet (other corpus) + SVM (`sep-fuse`) | log-mel 128 + acoustic v2 (913) | 78.0 ± 8.0 | — | — | — |");
        assertTrue(plain < init && init < fusion, String.join("\n", lines));
        indexOf(lines, "| ResNet, started from the other corpus (`--init-from`) + spknorm | log-mel 128 | 80.0 ± 7.0 | — |");
        assertFalse(lines.stream().anyMatch(l -> l.contains("mixup")), "a variant of the pretrained start is not the row");
    }

    @Test
    void aRecogniserOnTwoInputsIsTwoRowsTheNewerFirst() {
        List<String> lines = ReadmeTables.render(List.of(
                entry("xgboost", "emodb", "loso", "native", 10, 0.70, 0.1, "acoustic v1 (157)"),
                entry("xgboost", "emodb", "split", "native", 1, 0.743, 0, "acoustic v2 (913)"),
                entry("xgboost", "emodb", "loso", "native", 10, 0.677, 0.135, "acoustic v2 (913)"))).lines().toList();
        int v2 = indexOf(lines, "| XGBoost | acoustic v2 (913) | 67.7 ± 13.5 | — | 74.3 | — |");
        int v1 = indexOf(lines, "| XGBoost | acoustic v1 (157) | 70.0 ± 10.0 | — | — | — |");
        assertTrue(v2 < v1, String.join("\n", lines));
    }

    @Test
    void onlyTheMarkedBlockIsRewritten(@TempDir Path tmp) throws Exception {
        String before = "# Title\n\nintro\n\n" + ReadmeTables.BEGIN + "\nold table\n" + ReadmeTables.END + "\n\nafter\n";
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, before);
        List<JsonNode> entries = List.of(entry("cnn", "emodb", "split", "native", 1, 0.732, 0, "log-mel 128"));
        assertTrue(ReadmeTables.updateReadme(readme, entries));
        String after = Files.readString(readme);
        assertTrue(after.startsWith("# Title\n\nintro\n\n" + ReadmeTables.BEGIN + "\n"), after);
        assertTrue(after.endsWith(ReadmeTables.END + "\n\nafter\n"), after);
        assertFalse(after.contains("old table"));
        assertEquals(ReadmeTables.render(entries).strip(), ReadmeTables.tablesIn(after));

        Path plain = tmp.resolve("OTHER.md");
        Files.writeString(plain, "no block here\n");
        assertFalse(ReadmeTables.updateReadme(plain, entries));
        assertEquals("no block here\n", Files.readString(plain), "a file without the block is left alone");
        assertFalse(ReadmeTables.updateReadme(tmp.resolve("missing.md"), entries));
        assertNull(ReadmeTables.withTables(ReadmeTables.END + " before " + ReadmeTables.BEGIN, "x"));
    }

    /** The front page shows exactly the committed leaderboard: sep-report wrote it, nobody edited it by hand since. */
    @Test
    void committedReadmeShowsTheCommittedLeaderboard() throws Exception {
        Path root = DataLocation.projectRoot();
        List<JsonNode> entries = new ArrayList<>();
        Json.read(root.resolve("results/leaderboard.json")).forEach(entries::add);
        String readme = Files.readString(root.resolve("README.md"));
        String tables = ReadmeTables.tablesIn(readme);
        assertNotNull(tables, "README.md has no leaderboard block");
        assertEquals(ReadmeTables.render(entries).strip(), tables, "README tables differ from results/leaderboard.json: run sep-report");

        // and every "mean ± sd" quoted in its prose is a fold mean of some committed entry
        Set<String> known = new HashSet<>();
        for (JsonNode e : entries) {
            for (String m : List.of("ua", "wa")) {
                known.add(String.format(Locale.ROOT, "%.1f ± %.1f", 100 * e.path(m + "_mean").asDouble(), 100 * e.path(m + "_std").asDouble()));
            }
        }
        Matcher m = Pattern.compile("\\d+\\.\\d ± \\d+\\.\\d").matcher(readme);
        while (m.find()) assertTrue(known.contains(m.group()), "README quotes " + m.group() + ", which no leaderboard entry has");
    }

    private static int indexOf(List<String> lines, String line) {
        int i = lines.indexOf(line);
        assertTrue(i >= 0, "no line " + line + " in\n" + String.join("\n", lines));
        return i;
    }
}
