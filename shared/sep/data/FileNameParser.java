package sep.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads speaker, emotion and the other fields from the official file names of EmoDB and RAVDESS. */
final class FileNameParser {
    private FileNameParser() {}

    // EmoDB SSTTTEV: speaker, text code, emotion letter (German initial), version letter.
    private static final Pattern EMODB = Pattern.compile("(\\d{2})([ab]\\d{2})([A-Z])([a-z])");
    // RAVDESS modality-channel-emotion-intensity-statement-repetition-actor.
    private static final Pattern RAVDESS = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})");

    // The traps: A is Angst (fear), F is Freude (happiness), E is Ekel (disgust), W is Wut (anger).
    private static final Map<Character, Emotion> EMODB_LETTERS = Map.of(
            'W', Emotion.ANGER, 'L', Emotion.BOREDOM, 'E', Emotion.DISGUST, 'A', Emotion.FEAR,
            'F', Emotion.HAPPINESS, 'T', Emotion.SADNESS, 'N', Emotion.NEUTRAL);
    private static final Emotion[] RAVDESS_CODES = {null, Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPINESS,
            Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE};

    /** EmoDB speakers and their sex (the corpus documentation: 5 female, 5 male). */
    static final Map<String, Sex> EMODB_SPEAKERS = Map.of(
            "03", Sex.MALE, "08", Sex.FEMALE, "09", Sex.FEMALE, "10", Sex.MALE, "11", Sex.MALE,
            "12", Sex.MALE, "13", Sex.FEMALE, "14", Sex.FEMALE, "15", Sex.MALE, "16", Sex.FEMALE);

    static Clip emodb(Path file) {
        String id = stem(file);
        Matcher m = EMODB.matcher(id);
        if (!m.matches()) {
            throw new CorpusFormatException(file + ": not an EmoDB file name (expected SSTTTEV, e.g. 03a01Fa.wav)");
        }
        String speaker = m.group(1);
        Sex sex = EMODB_SPEAKERS.get(speaker);
        if (sex == null) {
            throw new CorpusFormatException(file + ": unknown EmoDB speaker '" + speaker + "'; known speakers: "
                    + EMODB_SPEAKERS.keySet().stream().sorted().toList());
        }
        char letter = m.group(3).charAt(0);
        Emotion emotion = EMODB_LETTERS.get(letter);
        if (emotion == null) {
            throw new CorpusFormatException(file + ": unknown EmoDB emotion letter '" + letter
                    + "'; known letters: W anger, L boredom, E disgust, A fear, F happiness, T sadness, N neutral");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("text", m.group(2));
        attributes.put("version", m.group(4));
        return new Clip(Corpus.EMODB, id, file.toAbsolutePath(), speaker, sex, emotion, attributes, null);
    }

    static Clip ravdess(Path file) {
        String id = stem(file);
        Matcher m = RAVDESS.matcher(id);
        if (!m.matches()) {
            throw new CorpusFormatException(file + ": not a RAVDESS file name (expected 03-01-EE-II-SS-RR-AA)");
        }
        if (!m.group(1).equals("03") || !m.group(2).equals("01")) {
            throw new CorpusFormatException(file + ": RAVDESS modality/channel " + m.group(1) + "-" + m.group(2)
                    + " is not audio-only speech (03-01); song and video files are not part of this corpus");
        }
        int code = Integer.parseInt(m.group(3));
        if (code < 1 || code >= RAVDESS_CODES.length) {
            throw new CorpusFormatException(file + ": unknown RAVDESS emotion code '" + m.group(3)
                    + "'; known codes 01 neutral, 02 calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised");
        }
        String intensity = m.group(4);
        if (!intensity.equals("01") && !intensity.equals("02")) {
            throw new CorpusFormatException(file + ": unknown RAVDESS intensity '" + intensity + "' (01 normal, 02 strong)");
        }
        int actor = Integer.parseInt(m.group(7));
        if (actor < 1 || actor > 24) {
            throw new CorpusFormatException(file + ": RAVDESS actor " + m.group(7) + " is outside 01-24");
        }
        Path folder = file.getParent();
        if (folder != null && folder.getFileName().toString().startsWith("Actor_")
                && !folder.getFileName().toString().equals("Actor_" + m.group(7))) {
            throw new CorpusFormatException(file + ": actor " + m.group(7) + " in the name but folder " + folder.getFileName());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("intensity", intensity.equals("01") ? "normal" : "strong");
        attributes.put("statement", m.group(5));
        attributes.put("repetition", m.group(6));
        // Odd-numbered actors are male, even-numbered female (RAVDESS documentation).
        Sex sex = actor % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        return new Clip(Corpus.RAVDESS, id, file.toAbsolutePath(), m.group(7), sex, RAVDESS_CODES[code], attributes, null);
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
