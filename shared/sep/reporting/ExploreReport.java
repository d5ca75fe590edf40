package sep.reporting;

import org.knowm.xchart.CategoryChart;
import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.DecodedAudio;
import sep.audio.SilenceTrimmer;
import sep.data.Clip;
import sep.data.Corpus;
import sep.data.Emotion;
import sep.data.LabelSpace;
import sep.data.Sex;
import sep.features.LogMel;
import sep.features.PreprocessConfig;
import sep.features.Preprocessor;
import sep.util.Files2;
import sep.util.Json;
import sep.util.Progress;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Data understanding (CRISP-DM phase 2): class balance, speakers, sexes, durations, loudness and clipping of the
 * corpora, the label mapping, and one mel-spectrogram per emotion. Writes PNG charts, summary.json and summary.md.
 */
public final class ExploreReport {
    private ExploreReport() {}

    /** Facts about one file, read from its samples. */
    public record ClipStats(String key, String dataset, String speaker, String sex, String emotion, int sampleRate,
                            int channels, double seconds, double trimmedSeconds, double rmsDbfs, double peakDbfs,
                            int clippedSamples) {}

    /** Samples at or beyond this magnitude are at digital full scale (16-bit full scale is 32767/32768). */
    static final double CLIP_LEVEL = 32766.0 / 32768.0;
    /**
     * Clipping is a run of at least this many consecutive full-scale samples. A single full-scale sample is what
     * peak normalisation gives (343 of the 535 EmoDB files peak at 32766-32767), not clipping.
     */
    static final int CLIP_RUN = 3;

    public record Config(List<String> datasets, double trimTopDb, PreprocessConfig melConfig) {}

    public static Map<String, Object> run(Config config, Path out, boolean progress) throws IOException {
        Map<String, Corpus> corpora = new LinkedHashMap<>();
        for (String d : config.datasets()) corpora.put(d, Corpus.load(d));
        List<Clip> all = corpora.values().stream().flatMap(c -> c.clips().stream()).toList();
        List<ClipStats> stats = measure(all, config.trimTopDb(), progress);

        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> perDataset = new LinkedHashMap<>();
        for (Corpus corpus : corpora.values()) perDataset.put(corpus.dataset(), datasetSummary(corpus, stats));
        summary.put("datasets", perDataset);
        summary.put("label_mapping", labelMapping());
        summary.put("trim_top_db", config.trimTopDb());

        classBalanceCharts(corpora, out);
        speakerCharts(corpora, out);
        distributionCharts(corpora, stats, out);
        summary.put("mel_examples", melExamples(corpora, config.melConfig(), out));

        Json.write(out.resolve("summary.json"), summary);
        Files2.writeAtomically(out.resolve("summary.md"), markdown(summary).getBytes(StandardCharsets.UTF_8));
        try (var writer = java.nio.file.Files.newBufferedWriter(out.resolve("clips.csv"))) {
            writer.write("key,dataset,speaker,sex,emotion,sample_rate,channels,seconds,trimmed_seconds,rms_dbfs,peak_dbfs,clipped_samples\n");
            for (ClipStats s : stats) {
                writer.write(String.format(java.util.Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%.4f,%.4f,%.2f,%.2f,%d%n", s.key(), s.dataset(),
                        s.speaker(), s.sex(), s.emotion(), s.sampleRate(), s.channels(), s.seconds(), s.trimmedSeconds(),
                        s.rmsDbfs(), s.peakDbfs(), s.clippedSamples()));
            }
        }
        return summary;
    }

    static List<ClipStats> measure(List<Clip> clips, double trimTopDb, boolean progress) {
        try (Progress p = progress ? Progress.start("reading audio", clips.size(), "clips") : Progress.quiet()) {
            List<ClipStats> out = clips.parallelStream().map(clip -> {
                try {
                    DecodedAudio decoded = AudioDecoder.decode(clip.file());
                    Audio mono = decoded.toMono();
                    float[] x = mono.samples();
                    double sum = 0;
                    float peak = 0;
                    int clipped = 0;
                    for (float[] channel : decoded.channels()) clipped += clippedSamples(channel);
                    for (float v : x) {
                        sum += (double) v * v;
                        peak = Math.max(peak, Math.abs(v));
                    }
                    int[] range = SilenceTrimmer.nonSilentRange(x, trimTopDb);
                    p.step(1);
                    return new ClipStats(clip.key(), clip.dataset(), clip.speaker(), clip.sex().label(), clip.emotion().label(),
                            decoded.sampleRate(), decoded.channelCount(), mono.seconds(),
                            (range[1] - range[0]) / (double) mono.sampleRate(),
                            10 * Math.log10(Math.max(sum / Math.max(1, x.length), 1e-12)),
                            20 * Math.log10(Math.max(peak, 1e-6)), clipped);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            return out;
        }
    }

    /** Samples that belong to runs of {@link #CLIP_RUN} or more consecutive full-scale samples. */
    static int clippedSamples(float[] x) {
        int clipped = 0, run = 0;
        for (int i = 0; i <= x.length; i++) {
            if (i < x.length && Math.abs(x[i]) >= CLIP_LEVEL) {
                run++;
            } else {
                if (run >= CLIP_RUN) clipped += run;
                run = 0;
            }
        }
        return clipped;
    }

    private static Map<String, Object> datasetSummary(Corpus corpus, List<ClipStats> all) {
        List<ClipStats> stats = all.stream().filter(s -> s.dataset().equals(corpus.dataset())).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clips", corpus.size());
        m.put("speakers", corpus.speakers().size());
        m.put("unique_recordings", corpus.clips().stream().map(Clip::sha256).distinct().count());
        Map<String, Long> perEmotion = new LinkedHashMap<>();
        corpus.countsByEmotion().forEach((e, n) -> perEmotion.put(e.label(), n));
        m.put("clips_per_emotion", perEmotion);
        m.put("shared6_clips", LabelSpace.SHARED6.select(corpus.clips()).size());
        Map<String, Long> bySex = corpus.clips().stream().collect(Collectors.groupingBy(c -> c.sex().label(), TreeMap::new, Collectors.counting()));
        m.put("clips_per_sex", bySex);
        m.put("speakers_per_sex", corpus.clips().stream().collect(Collectors.groupingBy(c -> c.sex().label(), TreeMap::new,
                Collectors.mapping(Clip::speaker, Collectors.toCollection(java.util.TreeSet::new)))));
        Map<String, Map<String, Long>> speakerEmotion = new TreeMap<>();
        for (Clip c : corpus.clips()) {
            speakerEmotion.computeIfAbsent(c.speaker(), s -> new LinkedHashMap<>()).merge(c.emotion().label(), 1L, Long::sum);
        }
        m.put("clips_per_speaker_and_emotion", speakerEmotion);
        double[] seconds = stats.stream().mapToDouble(ClipStats::seconds).toArray();
        double[] trimmed = stats.stream().mapToDouble(ClipStats::trimmedSeconds).toArray();
        m.put("duration_seconds", describe(seconds));
        m.put("trimmed_duration_seconds", describe(trimmed));
        m.put("total_audio_seconds", java.util.Arrays.stream(seconds).sum());
        m.put("rms_dbfs", describe(stats.stream().mapToDouble(ClipStats::rmsDbfs).toArray()));
        m.put("peak_dbfs", describe(stats.stream().mapToDouble(ClipStats::peakDbfs).toArray()));
        List<String> clippedFiles = stats.stream().filter(s -> s.clippedSamples() > 0)
                .sorted(Comparator.comparing(ClipStats::key)).map(s -> s.key() + " (" + s.clippedSamples() + ")").toList();
        m.put("files_with_clipped_samples", clippedFiles.size());
        m.put("files_peaking_at_full_scale", stats.stream().filter(x -> x.peakDbfs() > 20 * Math.log10(CLIP_LEVEL) - 1e-9).count());
        m.put("clipped_files", clippedFiles);
        m.put("sample_rates", stats.stream().collect(Collectors.groupingBy(ClipStats::sampleRate, TreeMap::new, Collectors.counting())));
        m.put("channels", stats.stream().collect(Collectors.groupingBy(ClipStats::channels, TreeMap::new, Collectors.counting())));
        return m;
    }

    static Map<String, Double> describe(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double mean = java.util.Arrays.stream(s).average().orElse(Double.NaN);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("min", s.length == 0 ? Double.NaN : s[0]);
        d.put("median", s.length == 0 ? Double.NaN : (s[(s.length - 1) / 2] + s[s.length / 2]) / 2);
        d.put("mean", mean);
        d.put("max", s.length == 0 ? Double.NaN : s[s.length - 1]);
        return d;
    }

    static List<Map<String, String>> labelMapping() {
        List<Map<String, String>> rows = new ArrayList<>();
        String[][] emodb = {{"W", "Wut / Ärger", "anger"}, {"L", "Langeweile", "boredom"}, {"E", "Ekel", "disgust"},
                {"A", "Angst", "fear"}, {"F", "Freude", "happiness"}, {"T", "Trauer", "sadness"}, {"N", "neutral", "neutral"}};
        for (String[] r : emodb) rows.add(row("emodb", r[0], r[1], r[2]));
        String[][] ravdess = {{"01", "neutral", "neutral"}, {"02", "calm", "calm"}, {"03", "happy", "happiness"},
                {"04", "sad", "sadness"}, {"05", "angry", "anger"}, {"06", "fearful", "fear"}, {"07", "disgust", "disgust"},
                {"08", "surprised", "surprise"}};
        for (String[] r : ravdess) rows.add(row("ravdess", r[0], r[1], r[2]));
        return rows;
    }

    private static Map<String, String> row(String dataset, String code, String original, String label) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("code", code);
        m.put("original", original);
        m.put("emotion", label);
        m.put("shared6", LabelSpace.SHARED6.contains(Emotion.fromLabel(label)) ? "yes" : "no");
        return m;
    }

    private static void classBalanceCharts(Map<String, Corpus> corpora, Path out) throws IOException {
        List<String> labels = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            if (corpora.values().stream().anyMatch(c -> c.countsByEmotion().containsKey(e))) labels.add(e.label());
        }
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        for (Corpus c : corpora.values()) {
            series.put(c.dataset(), labels.stream().map(l -> c.countsByEmotion().getOrDefault(Emotion.fromLabel(l), 0L)).toList());
        }
        Charts.save(Charts.bars("Clips per emotion (native labels)", "emotion", "clips", labels, series), out.resolve("class_balance.png"));

        List<String> six = LabelSpace.SHARED6.labels();
        Map<String, List<? extends Number>> sixSeries = new LinkedHashMap<>();
        long[] union = new long[six.size()];
        for (Corpus c : corpora.values()) {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < six.size(); i++) {
                long n = c.countsByEmotion().getOrDefault(Emotion.fromLabel(six.get(i)), 0L);
                counts.add(n);
                union[i] += n;
            }
            sixSeries.put(c.dataset(), counts);
        }
        if (corpora.size() > 1) sixSeries.put("union", java.util.Arrays.stream(union).boxed().toList());
        Charts.save(Charts.bars("Clips per emotion, the paper's shared six", "emotion", "clips", six, sixSeries),
                out.resolve("class_balance_shared6.png"));

        List<String> datasets = new ArrayList<>(corpora.keySet());
        Map<String, List<? extends Number>> sexSeries = new LinkedHashMap<>();
        for (Sex sex : Sex.values()) {
            sexSeries.put(sex.label(), datasets.stream().map(d -> corpora.get(d).clips().stream().filter(c -> c.sex() == sex).count()).toList());
        }
        Charts.save(Charts.bars("Clips per sex", "dataset", "clips", datasets, sexSeries), out.resolve("sex_balance.png"));
    }

    private static void speakerCharts(Map<String, Corpus> corpora, Path out) throws IOException {
        for (Corpus corpus : corpora.values()) {
            List<String> speakers = corpus.clips().stream().map(c -> c.speaker() + (c.sex() == Sex.MALE ? " m" : " f"))
                    .distinct().sorted().toList();
            Map<String, List<? extends Number>> series = new LinkedHashMap<>();
            for (Emotion e : corpus.countsByEmotion().keySet()) {
                series.put(e.label(), speakers.stream().map(s -> corpus.clips().stream()
                        .filter(c -> c.emotion() == e && s.startsWith(c.speaker() + " ")).count()).toList());
            }
            CategoryChart chart = Charts.bars("Clips per speaker and emotion, " + corpus.dataset(), "speaker (sex)", "clips", speakers, series);
            chart.getStyler().setStacked(true);
            chart.getStyler().setLabelsVisible(false);
            Charts.save(chart, out.resolve("speakers_" + corpus.dataset() + ".png"));
        }
    }

    private static void distributionCharts(Map<String, Corpus> corpora, List<ClipStats> stats, Path out) throws IOException {
        Map<String, double[]> durations = new LinkedHashMap<>();
        Map<String, double[]> trimmed = new LinkedHashMap<>();
        Map<String, double[]> rms = new LinkedHashMap<>();
        Map<String, double[]> peak = new LinkedHashMap<>();
        for (String d : corpora.keySet()) {
            List<ClipStats> s = stats.stream().filter(x -> x.dataset().equals(d)).toList();
            durations.put(d, s.stream().mapToDouble(ClipStats::seconds).toArray());
            trimmed.put(d, s.stream().mapToDouble(ClipStats::trimmedSeconds).toArray());
            rms.put(d, s.stream().mapToDouble(ClipStats::rmsDbfs).toArray());
            peak.put(d, s.stream().mapToDouble(ClipStats::peakDbfs).toArray());
        }
        Charts.save(Charts.histogram("Clip duration (as recorded)", "seconds", durations, 40, 0, 10), out.resolve("durations.png"));
        Charts.save(Charts.histogram("Clip duration after trimming silence", "seconds", trimmed, 40, 0, 10),
                out.resolve("durations_trimmed.png"));
        Charts.save(Charts.histogram("Loudness: RMS level of each clip (whole file)", "dBFS", rms, 45, -75, 0), out.resolve("loudness_rms.png"));
        Charts.save(Charts.histogram("Peak level of each clip (0 dBFS = full scale: clipping risk)", "dBFS", peak, 40, -40, 0),
                out.resolve("loudness_peak.png"));
    }

    /** One log-mel per emotion and dataset, from one speaker and sentence where possible, so only emotion changes. */
    private static List<String> melExamples(Map<String, Corpus> corpora, PreprocessConfig melConfig, Path out) throws IOException {
        Preprocessor preprocessor = new Preprocessor(melConfig);
        List<String> written = new ArrayList<>();
        double fps = melConfig.sampleRate() / (double) melConfig.logMel().hopLength();
        for (Corpus corpus : corpora.values()) {
            List<BufferedImage> panels = new ArrayList<>();
            for (Emotion e : corpus.countsByEmotion().keySet()) {
                Clip clip = exampleClip(corpus, e);
                LogMel mel = preprocessor.process(clip.file());
                BufferedImage image = SpectrogramImage.render(mel.db(), -mel.config().topDb(), 0,
                        corpus.dataset() + " - " + e.label() + " (" + clip.id() + ", speaker " + clip.speaker() + ")", fps, "dB", 2, 1);
                String name = "mel_" + corpus.dataset() + "_" + e.label() + ".png";
                SpectrogramImage.save(image, out.resolve(name));
                written.add(name);
                panels.add(image);
            }
            int w = panels.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
            int h = panels.stream().mapToInt(BufferedImage::getHeight).sum();
            BufferedImage grid = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = grid.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            int y = 0;
            for (BufferedImage p : panels) {
                g.drawImage(p, 0, y, null);
                y += p.getHeight();
            }
            g.dispose();
            String name = "mel_" + corpus.dataset() + "_all_emotions.png";
            SpectrogramImage.save(grid, out.resolve(name));
            written.add(name);
        }
        return written;
    }

    static Clip exampleClip(Corpus corpus, Emotion emotion) {
        // EmoDB: speaker 03, sentence a01 has most emotions; RAVDESS: actor 01, statement 01, strong, first take.
        Comparator<Clip> preference = Comparator.comparing((Clip c) -> !c.speaker().equals(corpus.clips().get(0).speaker()))
                .thenComparing(c -> !"a01".equals(c.attributes().getOrDefault("text", "a01")))
                .thenComparing(c -> !"strong".equals(c.attributes().getOrDefault("intensity", "strong")))
                .thenComparing(Clip::id);
        return corpus.clips().stream().filter(c -> c.emotion() == emotion).min(preference).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> summary) {
        StringBuilder md = new StringBuilder("# Data understanding: EmoDB and RAVDESS\n\n");
        md.append("Made by `sep-explore` (see `manifest.json` beside this file for the run).\n\n");
        md.append("| dataset | clips | speakers | unique recordings | shared-six clips | audio (min) | duration min / median / max (s) | trimmed median (s) | RMS median (dBFS) | files peaking at full scale | files with clipping (3+ full-scale samples in a row) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> datasets = (Map<String, Object>) summary.get("datasets");
        for (Map.Entry<String, Object> e : datasets.entrySet()) {
            Map<String, Object> d = (Map<String, Object>) e.getValue();
            Map<String, Double> dur = (Map<String, Double>) d.get("duration_seconds");
            Map<String, Double> tr = (Map<String, Double>) d.get("trimmed_duration_seconds");
            Map<String, Double> rms = (Map<String, Double>) d.get("rms_dbfs");
            md.append(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.2f / %.2f / %.2f | %.2f | %.1f | %s | %s |%n",
                    e.getKey(), d.get("clips"), d.get("speakers"), d.get("unique_recordings"), d.get("shared6_clips"),
                    (Double) d.get("total_audio_seconds") / 60, dur.get("min"), dur.get("median"), dur.get("max"), tr.get("median"),
                    rms.get("median"), d.get("files_peaking_at_full_scale"), d.get("files_with_clipped_samples")));
        }
        md.append("\n## Clips per emotion\n\n| dataset | ");
        List<String> labels = java.util.Arrays.stream(Emotion.values()).map(Emotion::label).toList();
        md.append(String.join(" | ", labels)).append(" |\n|---|").append("---|".repeat(labels.size())).append('\n');
        for (Map.Entry<String, Object> e : datasets.entrySet()) {
            Map<String, Long> counts = (Map<String, Long>) ((Map<String, Object>) e.getValue()).get("clips_per_emotion");
            md.append("| ").append(e.getKey()).append(" | ");
            md.append(labels.stream().map(l -> String.valueOf(counts.getOrDefault(l, 0L))).collect(Collectors.joining(" | "))).append(" |\n");
        }
        md.append("\n## Label mapping\n\n| dataset | code | original | SEP label | in the shared six |\n|---|---|---|---|---|\n");
        for (Map<String, String> r : (List<Map<String, String>>) summary.get("label_mapping")) {
            md.append(String.format("| %s | %s | %s | %s | %s |%n", r.get("dataset"), r.get("code"), r.get("original"), r.get("emotion"), r.get("shared6")));
        }
        md.append("\n## Charts\n\n");
        for (String png : List.of("class_balance", "class_balance_shared6", "sex_balance", "speakers_emodb", "speakers_ravdess",
                "durations", "durations_trimmed", "loudness_rms", "loudness_peak", "mel_emodb_all_emotions", "mel_ravdess_all_emotions")) {
            md.append("![").append(png).append("](").append(png).append(".png)\n");
        }
        return md.toString();
    }
}
