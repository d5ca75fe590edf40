package sep.reporting;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import sep.util.Files2;

/**
 * The leaderboard as the README shows it: one row per recogniser, one column per corpus and protocol, made from the
 * same entries as {@code results/leaderboard.json} so that the front page cannot drift from the committed results.
 * {@code sep-report} rewrites the block between {@link #BEGIN} and {@link #END} of the README; a test checks that the
 * committed README equals what the committed leaderboard gives.
 *
 * <p>Rows are the recognisers with their default settings and fusions of them; variants (a deep network with other
 * hyperparameters such as {@code resnet-mixup-0.4}, the {@code -norefit} classical models made as fusion sources) stay
 * in {@code results/leaderboard.md} only.
 */
public final class ReadmeTables {
    private ReadmeTables() {}

    public static final String BEGIN = "<!-- leaderboard tables: written by sep-report from results/leaderboard.json, do not edit -->";
    public static final String END = "<!-- end of leaderboard tables -->";

    /** One column: which entries it shows, and whether its cells add the weighted accuracy (the paper reports both). */
    record Column(String title, String dataset, String protocol, String labels, boolean withWa) {
        Column(String title, String dataset, String protocol, String labels) {
            this(title, dataset, protocol, labels, false);
        }
    }

    static final List<Column> SPEAKER_INDEPENDENT = List.of(
            new Column("EmoDB, leave one speaker out (7 classes)", "emodb", "loso", "native"),
            new Column("RAVDESS, 6 folds of 4 actors (8 classes)", "ravdess", "grouped-folds", "native"),
            new Column("EmoDB split", "emodb", "split", "native"),
            new Column("RAVDESS split", "ravdess", "split", "native"));
    static final List<Column> TRANSDUCTIVE = SPEAKER_INDEPENDENT.subList(0, 2);
    static final List<Column> ACROSS = List.of(
            new Column("EmoDB → RAVDESS (shared 6)", "emodb->ravdess", "cross-corpus", "shared6"),
            new Column("RAVDESS → EmoDB (shared 6)", "ravdess->emodb", "cross-corpus", "shared6"),
            new Column("EmoDB, paper's random 80/20 (shared 6)", "emodb", "random-80-20", "shared6", true),
            new Column("RAVDESS, paper's random 80/20 (shared 6)", "ravdess", "random-80-20", "shared6", true));

    /** Display names of the recognisers, in the order of the tables (classical, then deep); fusions follow. */
    static final Map<String, String> NAMES = new LinkedHashMap<>();
    static {
        NAMES.put("logistic", "logistic regression");
        NAMES.put("svm", "RBF SVM");
        NAMES.put("xgboost", "XGBoost");
        NAMES.put("ann", "ANN (MLP on pooled log-mel statistics)");
        NAMES.put("cnn", "CNN");
        NAMES.put("resnet", "ResNet");
        NAMES.put("efficientnet", "EfficientNet-style");
    }
    private static final Map<String, String> SHORT = Map.of("logistic", "logistic", "svm", "SVM", "xgboost", "XGBoost",
            "ann", "ANN", "cnn", "CNN", "resnet", "ResNet", "efficientnet", "EfficientNet");
    private static final String SPKNORM = sep.evaluation.ProtocolRunner.SPEAKER_NORMALISED_SUFFIX;

    /** The three tables: speaker-independent, speaker-normalised (transductive), and across corpora / the paper's protocol. */
    public static String render(List<JsonNode> entries) {
        List<JsonNode> inductive = entries.stream().filter(e -> !e.path("transductive").asBoolean()).toList();
        List<JsonNode> transductive = entries.stream().filter(e -> e.path("transductive").asBoolean()).toList();
        return table("recogniser", SPEAKER_INDEPENDENT, inductive) + "\n"
                + "With speaker normalisation (`--speaker-norm`): transductive, each test speaker's recordings are normalised "
                + "together, so these figures answer a different question than the ones above.\n\n"
                + table("recogniser, speaker-normalised (transductive)", TRANSDUCTIVE, transductive) + "\n"
                + "Across corpora (speaker-independent by construction) and the paper's own protocol (speakers mixed), "
                + "\"+ spknorm\" marking speaker-normalised rows:\n\n"
                + table("recogniser", ACROSS, entries);
    }

    private static String table(String firstHeader, List<Column> columns, List<JsonNode> entries) {
        Map<String, Map<Column, JsonNode>> rows = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            String model = rowKey(e.path("model").asText());
            if (!shown(model)) continue;
            for (Column c : columns) {
                if (c.dataset.equals(e.path("dataset").asText()) && c.protocol.equals(e.path("protocol").asText())
                        && c.labels.equals(e.path("label_space").asText())) {
                    rows.computeIfAbsent(model + ROW_SEPARATOR + inputs(e), k -> new LinkedHashMap<>()).put(c, e);
                }
            }
        }
        // a recogniser on two inputs (acoustic v1 and v2) is two rows, the newer set first
        List<String> order = new ArrayList<>(rows.keySet());
        order.sort(Comparator.comparing((String r) -> modelOf(r).endsWith(SPKNORM)).thenComparingInt(r -> rank(modelOf(r)))
                .thenComparing(r -> inputsOf(r), Comparator.reverseOrder())
                .thenComparing(r -> -firstValue(rows.get(r), columns)).thenComparing(r -> r));
        StringBuilder md = new StringBuilder("| ").append(firstHeader).append(" | input | ");
        md.append(columns.stream().map(Column::title).collect(Collectors.joining(" | "))).append(" |\n|---|---|");
        md.append("---|".repeat(columns.size())).append('\n');
        for (String row : order) {
            Map<Column, JsonNode> cells = rows.get(row);
            md.append("| ").append(displayName(modelOf(row))).append(" | ").append(inputsOf(row)).append(" |");
            for (Column c : columns) {
                JsonNode e = cells.get(c);
                md.append(' ').append(e == null ? "—" : cell(e, c.withWa)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(JsonNode e, boolean withWa) {
        int folds = e.path("folds").asInt();
        String ua = Leaderboard.meanSd(e.path("ua_mean").asDouble(), e.path("ua_std").asDouble(), folds);
        return withWa ? ua + " (WA " + Leaderboard.meanSd(e.path("wa_mean").asDouble(), e.path("wa_std").asDouble(), 1) + ")" : ua;
    }

    private static final String INIT_OTHER = "-init-other";

    /**
     * The row of an entry's model: a network started from the other corpus ({@code resnet-init-ravdess} on EmoDB,
     * {@code resnet-init-emodb} on RAVDESS) shares one row, {@code resnet-init-other}.
     */
    static String rowKey(String model) {
        return Arrays.stream(model.split("\\+")).map(p -> p.replaceAll("-init-[a-z0-9-]+$", INIT_OTHER)).collect(Collectors.joining("+"));
    }

    /** A recogniser of {@link #NAMES} (or one started from the other corpus), or a fusion of them, with or without speaker normalisation. */
    static boolean shown(String model) {
        return Arrays.stream(baseModel(model).split("\\+")).allMatch(p -> NAMES.containsKey(p.replace(INIT_OTHER, "")));
    }

    /** Base recognisers in the order of {@link #NAMES}, each followed by its start from the other corpus, then fusions. */
    private static int rank(String model) {
        String base = baseModel(model);
        int i = new ArrayList<>(NAMES.keySet()).indexOf(base.replace(INIT_OTHER, ""));
        return i >= 0 ? 2 * i + (base.endsWith(INIT_OTHER) ? 1 : 0) : 2 * NAMES.size();
    }

    private static double firstValue(Map<Column, JsonNode> cells, List<Column> columns) {
        for (Column c : columns) if (cells.containsKey(c)) return cells.get(c).path("ua_mean").asDouble();
        return 0;
    }

    private static String baseModel(String model) {
        return model.endsWith(SPKNORM) ? model.substring(0, model.length() - SPKNORM.length()) : model;
    }

    static String displayName(String model) {
        String base = baseModel(model);
        String suffix = model.endsWith(SPKNORM) ? " + spknorm" : "";
        if (NAMES.containsKey(base)) return NAMES.get(base) + suffix;
        if (!base.contains("+")) return NAMES.get(base.replace(INIT_OTHER, "")) + ", started from the other corpus (`--init-from`)" + suffix;
        return "fusion " + Arrays.stream(base.split("\\+"))
                .map(p -> SHORT.get(p.replace(INIT_OTHER, "")) + (p.endsWith(INIT_OTHER) ? " (other corpus)" : ""))
                .collect(Collectors.joining(" + ")) + suffix + " (`sep-fuse`)";
    }

    private static final String ROW_SEPARATOR = "\t";

    private static String modelOf(String row) {
        return row.substring(0, row.indexOf(ROW_SEPARATOR));
    }

    private static String inputsOf(String row) {
        return row.substring(row.indexOf(ROW_SEPARATOR) + 1);
    }

    /** What an entry's models read, each distinct input once: a fusion of two acoustic models reads "acoustic v2 (913)" once. */
    static String inputs(JsonNode entry) {
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(entry.path("inputs").asText().split(" \\+ ")));
        parts.removeIf(String::isBlank);
        return parts.isEmpty() ? "—" : String.join(" + ", parts);
    }

    /**
     * Replaces the block between {@link #BEGIN} and {@link #END} of a README with the tables. Returns false, writing
     * nothing, when the file has no such block (a README without it is left alone).
     */
    public static boolean updateReadme(Path readme, List<JsonNode> entries) throws IOException {
        if (!Files.isRegularFile(readme)) return false;
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String updated = withTables(text, render(entries));
        if (updated == null) return false;
        if (!updated.equals(text)) Files2.writeAtomically(readme, updated.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** The text with its table block replaced, or null if it has no complete block. */
    static String withTables(String text, String tables) {
        int begin = text.indexOf(BEGIN), end = text.indexOf(END);
        if (begin < 0 || end < begin) return null;
        return text.substring(0, begin + BEGIN.length()) + "\n\n" + tables + "\n" + text.substring(end);
    }

    /** The table block of a README as it stands, or null. */
    static String tablesIn(String text) {
        int begin = text.indexOf(BEGIN), end = text.indexOf(END);
        if (begin < 0 || end < begin) return null;
        return text.substring(begin + BEGIN.length(), end).strip();
    }
}
