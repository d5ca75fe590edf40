package sep.reporting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.data.Corpus;
import sep.features.PreprocessConfig;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The data-understanding report on the real EmoDB: numbers and pictures. */
class ExploreReportTest {
    @Test
    @SuppressWarnings("unchecked")
    void writesChartsSummaryAndOneMelPerEmotion(@TempDir Path out) throws IOException {
        var config = new ExploreReport.Config(List.of(Corpus.EMODB), 60, PreprocessConfig.defaults());
        Map<String, Object> summary = ExploreReport.run(config, out, false);
        Map<String, Object> emodb = (Map<String, Object>) ((Map<String, Object>) summary.get("datasets")).get("emodb");
        assertEquals(535, emodb.get("clips"));
        assertEquals(454, emodb.get("shared6_clips"));
        assertEquals(Map.of("female", 302L, "male", 233L), emodb.get("clips_per_sex"));
        Map<String, Double> duration = (Map<String, Double>) emodb.get("duration_seconds");
        assertEquals(1.23, duration.get("min"), 0.01);
        assertEquals(8.98, duration.get("max"), 0.01);
        assertEquals(1487.1, (Double) emodb.get("total_audio_seconds"), 0.1);
        assertEquals(0, emodb.get("files_with_clipped_samples"), "EmoDB is peak-normalised, not clipped");
        Map<String, Map<String, Long>> perSpeaker = (Map<String, Map<String, Long>>) emodb.get("clips_per_speaker_and_emotion");
        assertNull(perSpeaker.get("08").get("disgust"), "speaker 08 has no disgust clip");

        for (String png : List.of("class_balance.png", "class_balance_shared6.png", "sex_balance.png", "speakers_emodb.png",
                "durations.png", "durations_trimmed.png", "loudness_rms.png", "loudness_peak.png", "mel_emodb_fear.png",
                "mel_emodb_all_emotions.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertTrue(image.getWidth() > 300 && image.getHeight() > 200, png);
        }
        assertEquals(7, Files.list(out).filter(p -> p.getFileName().toString().matches("mel_emodb_[a-z]+\\.png")
                && !p.toString().contains("all_emotions")).count());
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| emodb | A | Angst | fear | yes |"), "the label trap is in the mapping table");
        assertTrue(Files.readAllLines(out.resolve("clips.csv")).size() == 536);
    }
}
