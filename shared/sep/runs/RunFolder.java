package sep.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sep.data.DataLocation;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The folder every run writes its artifacts to, {@code runs/<yyyyMMdd-HHmmss>-<script>-<name>/}, with a
 * {@code manifest.json} holding what is needed to trace any number back to it: config, data digest, git commit,
 * seed, machine and timings. The manifest is written at start (status {@code running}) and again at the end.
 */
public final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern SAFE_NAME = Pattern.compile("[^A-Za-z0-9._+-]+");

    private final Path dir;
    private final ObjectNode manifest;
    private final Instant started;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    private RunFolder(Path dir, ObjectNode manifest, Instant started) {
        this.dir = dir;
        this.manifest = manifest;
        this.started = started;
    }

    /** Creates a new run folder under {@link DataLocation#runsDir()}. */
    public static RunFolder create(String script, String name, Object config, long seed) throws IOException {
        return create(DataLocation.runsDir(), script, name, config, seed);
    }

    public static RunFolder create(Path runsDir, String script, String name, Object config, long seed) throws IOException {
        String base = STAMP.format(LocalDateTime.now()) + "-" + safe(script) + (name == null || name.isBlank() ? "" : "-" + safe(name));
        Path dir = runsDir.resolve(base);
        // Two runs started in the same second get distinct folders.
        for (int i = 2; Files.exists(dir); i++) dir = runsDir.resolve(base + "-" + i);
        Files.createDirectories(dir);
        Instant now = Instant.now();
        ObjectNode manifest = Json.object();
        manifest.put("id", dir.getFileName().toString());
        manifest.put("script", script);
        manifest.put("status", "running");
        manifest.set("config", Json.tree(config));
        manifest.put("seed", seed);
        manifest.set("git", Json.tree(GitInfo.read(DataLocation.projectRoot())));
        ObjectNode machine = manifest.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        manifest.put("started", now.toString());
        RunFolder run = new RunFolder(dir, manifest, now);
        run.writeManifest();
        return run;
    }

    /**
     * Re-opens an interrupted run to continue it: its manifest is kept (status back to {@code running}, a
     * {@code resumed} time added), and its config must equal the one given, so a resumed run cannot silently change
     * what it computes.
     */
    public static RunFolder reopen(Path dir, Object config) throws IOException {
        Path file = dir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) throw new IOException(dir + ": not a run folder (no manifest.json)");
        ObjectNode manifest = (ObjectNode) Json.read(file);
        // Compared as written to disk: an in-memory tree holds longs where the parsed file holds ints.
        JsonNode expected = Json.MAPPER.readTree(Json.write(config));
        if (!expected.equals(manifest.get("config"))) {
            throw new IllegalArgumentException("cannot resume " + dir.getFileName() + " with different settings; its config was "
                    + manifest.get("config") + " and now is " + expected);
        }
        manifest.put("status", "running");
        com.fasterxml.jackson.databind.node.ArrayNode resumed = manifest.has("resumed") && manifest.get("resumed").isArray()
                ? (com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("resumed") : manifest.putArray("resumed");
        resumed.add(Instant.now().toString());
        manifest.set("git_at_resume", Json.tree(GitInfo.read(DataLocation.projectRoot())));
        RunFolder run = new RunFolder(dir, manifest, Instant.now());
        run.writeManifest();
        return run;
    }

    /** Resolves {@code --model}-style references: a run folder path, or a run id under the runs folder. */
    public static Path resolve(String pathOrId) {
        Path asPath = Path.of(pathOrId);
        if (Files.isDirectory(asPath)) return asPath.toAbsolutePath().normalize();
        Path underRuns = DataLocation.runsDir().resolve(pathOrId);
        if (Files.isDirectory(underRuns)) return underRuns;
        Path underRoot = DataLocation.projectRoot().resolve(pathOrId);
        if (Files.isDirectory(underRoot)) return underRoot;
        throw new IllegalArgumentException("no run folder '" + pathOrId + "': not a folder, and not a run id under "
                + DataLocation.runsDir());
    }

    public Path dir() {
        return dir;
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Records a fact about the data used (e.g. dataset id and its content digest). */
    public RunFolder data(String key, Object value) throws IOException {
        manifest.withObjectProperty("data").set(key, Json.tree(value));
        writeManifest();
        return this;
    }

    /** Records any other fact (fold names, label list, results summary). */
    public RunFolder put(String key, Object value) throws IOException {
        manifest.set(key, Json.tree(value));
        writeManifest();
        return this;
    }

    public void timing(String step, Duration duration) throws IOException {
        timings.put(step, duration.toMillis() / 1000.0);
        manifest.set("timings_seconds", Json.tree(timings));
        writeManifest();
    }

    /** Marks the run finished (or failed), with its end time and wall time. */
    public void finish(String status) throws IOException {
        Instant end = Instant.now();
        manifest.put("status", status);
        manifest.put("ended", end.toString());
        manifest.put("wall_seconds", Duration.between(started, end).toMillis() / 1000.0);
        manifest.put("peak_heap_mb", PeakMemory.peakHeapMb());
        manifest.put("peak_rss_mb", PeakMemory.peakResidentMb());
        writeManifest();
    }

    public JsonNode manifest() {
        return manifest.deepCopy();
    }

    private void writeManifest() throws IOException {
        Json.write(dir.resolve("manifest.json"), manifest);
    }

    private static String safe(String s) {
        return SAFE_NAME.matcher(s).replaceAll("_");
    }
}
