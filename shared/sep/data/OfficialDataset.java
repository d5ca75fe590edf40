package sep.data;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two corpora SEP can download from their official sources, and where their audio goes.
 *
 * <p>Layout after download: {@code <data>/emodb/wav/*.wav} (from {@code wav/...} in EmoDB's
 * {@code download.zip}) and {@code <data>/ravdess/Actor_XX/*.wav} (from {@code Actor_XX/...} in
 * RAVDESS's {@code Audio_Speech_Actors_01-24.zip}, 48 kHz originals).
 */
public enum OfficialDataset {
    EMODB("emodb", "emodb-download.zip", "http://emodb.bilderbar.info/download/download.zip",
            Pattern.compile("wav/[^/]+\\.wav")),
    RAVDESS("ravdess", "Audio_Speech_Actors_01-24.zip",
            "https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1",
            Pattern.compile("Actor_[0-9]{2}/[^/]+\\.wav"));

    private final String id;
    private final String archiveName;
    private final URI defaultUrl;
    private final Pattern audioEntry;

    OfficialDataset(String id, String archiveName, String defaultUrl, Pattern audioEntry) {
        this.id = id;
        this.archiveName = archiveName;
        this.defaultUrl = URI.create(defaultUrl);
        this.audioEntry = audioEntry;
    }

    /** Short name used on the command line and as the folder name under the data folder. */
    public String id() {
        return id;
    }

    /** File name of the archive as listed in the official sums and stored under {@code <data>/.downloads/}. */
    public String archiveName() {
        return archiveName;
    }

    public URI defaultUrl() {
        return defaultUrl;
    }

    /** Whether a zip entry is one of the audio files that get unpacked (everything else is left in the archive). */
    public boolean isAudioEntry(String entryName) {
        return audioEntry.matcher(entryName).matches();
    }

    /** Where an archive entry goes, relative to the data folder. */
    public String dataPath(String pathInArchive) {
        return id + "/" + pathInArchive;
    }

    public static OfficialDataset byId(String id) {
        for (OfficialDataset d : values()) {
            if (d.id.equals(id.toLowerCase(Locale.ROOT))) return d;
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "'; known: emodb, ravdess");
    }

    /** The dataset whose official archive has this name, or {@code null}. */
    public static OfficialDataset byArchive(String archiveName) {
        for (OfficialDataset d : values()) {
            if (d.archiveName.equals(archiveName)) return d;
        }
        return null;
    }
}
