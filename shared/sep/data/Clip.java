package sep.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * One labelled recording of a corpus.
 *
 * @param dataset    {@code emodb} or {@code ravdess}
 * @param id         the file name without extension, unique within its dataset (e.g. {@code 03a01Fa})
 * @param file       absolute path of the audio file
 * @param speaker    speaker id as in the file name ({@code 03}, {@code 24})
 * @param emotion    canonical emotion
 * @param attributes the other fields of the file name (text, version, intensity, statement, repetition)
 * @param sha256     content hash of the file: byte-identical recordings must never be split apart
 */
public record Clip(String dataset, String id, Path file, String speaker, Sex sex, Emotion emotion,
                   Map<String, String> attributes, String sha256) {
    public Clip {
        attributes = Map.copyOf(attributes);
    }

    /** Speaker id unique across corpora ({@code emodb:03}), for joint training. */
    public String speakerKey() {
        return dataset + ":" + speaker;
    }

    /** Clip id unique across corpora. */
    public String key() {
        return dataset + ":" + id;
    }

    Clip withSha256(String hash) {
        return new Clip(dataset, id, file, speaker, sex, emotion, attributes, hash);
    }
}
