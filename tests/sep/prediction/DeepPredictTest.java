package sep.prediction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.data.Clip;
import sep.data.Corpus;
import sep.data.Fold;
import sep.data.Protocol;
import sep.evaluation.EvaluationReport;
import sep.evaluation.ProtocolRunner;
import sep.features.PreprocessConfig;
import sep.models.SavedModel;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;
import sep.runs.RunFolder;
import sep.training.DeepRecipe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** sep-predict's path with a network on log-mels (quick mode): the same probabilities as the protocol's evaluation. */
class DeepPredictTest {
    @Test
    void aQuickCnnClassifiesFilesAsTheProtocolEvaluationDid(@TempDir Path runs) throws IOException {
        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.LOSO, List.of(7L), PreprocessConfig.defaults(), 1);
        DeepConfig quick = DeepConfig.builder(Architecture.CNN).epochs(2).warmupEpochs(1).maxBatches(2).build();
        RunFolder run = RunFolder.create(runs, "train", "cnn", config, 7);
        ProtocolRunner.run(config, new DeepRecipe(quick, PreprocessConfig.defaults().logMel(), s -> {}), run, QuickModel.inputs(), false,
                s -> {});
        Fold fold = ProtocolRunner.folds(config, QuickModel.inputs()).get(0);
        List<Clip> clips = fold.test().subList(0, 12);
        ModelRef ref = ModelRef.resolve(run.dir().toString());
        try (SavedModel saved = SavedModel.load(ref.dir())) {
            assertEquals("cnn", saved.model().kind());
            List<EvaluationReport.Prediction> expected = sep.evaluation.ProtocolRunnerAccess.predict(saved.model(), clips, config,
                    QuickModel.inputs());
            Predictor predictor = new Predictor(saved, Segmentation.none());
            // Two batches of files, as the parallel classifier hands them to the model.
            List<FileResult> results = new java.util.ArrayList<>();
            for (List<Clip> part : List.of(clips.subList(0, 8), clips.subList(8, 12))) {
                results.addAll(predictor.classify(part.stream().map(c -> new AudioFiles.Found(c.file(), null)).toList()));
            }
            for (int i = 0; i < clips.size(); i++) {
                PredictionRow row = results.get(i).fileRow();
                assertTrue(row.isOk(), row.status());
                assertArrayEquals(expected.get(i).probabilities(), row.probabilities(), 1e-5, clips.get(i).key());
            }
            List<FileResult> windows = new Predictor(saved, Segmentation.windows(1, 0.5))
                    .classify(List.of(new AudioFiles.Found(clips.get(0).file(), null)));
            assertTrue(windows.get(0).segments().size() >= 2, "a clip over a second long has several one-second windows");
            assertTrue(windows.get(0).rows().stream().allMatch(PredictionRow::isOk));
        }
    }
}
