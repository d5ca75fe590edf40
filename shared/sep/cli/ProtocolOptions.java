package sep.cli;

import picocli.CommandLine.Option;
import sep.data.Protocol;
import sep.runs.Seeds;

import java.util.List;

/** Which data, labels and protocol a training or evaluation run uses (a picocli mixin). */
public final class ProtocolOptions {
    @Option(names = "--dataset", defaultValue = "emodb", description = "emodb, ravdess, emodb+ravdess, or emodb->ravdess / "
            + "ravdess->emodb for cross-corpus (default: ${DEFAULT-VALUE}).")
    public String dataset;

    @Option(names = "--labels", defaultValue = "native", description = "Label space: native (EmoDB 7, RAVDESS 8) or shared6 "
            + "(the paper's six) (default: ${DEFAULT-VALUE}).")
    public String labels;

    @Option(names = "--protocol", defaultValue = "split", description = "split (quick, speaker-disjoint), loso, grouped-folds "
            + "(RAVDESS, 6 x 4 actors), cross-corpus, random-80-20 (the paper's, speakers mixed) (default: ${DEFAULT-VALUE}).")
    public String protocol;

    @Option(names = "--seeds", split = ",", defaultValue = Seeds.DEFAULT_TEXT, description = "Seeds: random-80-20 makes one split per seed "
            + "(e.g. 1,2,3,4,5); any other protocol runs every fold once per seed (validation speakers, initialisation) and "
            + "reports the mean over seeds (default: ${DEFAULT-VALUE}).")
    public List<Long> seeds;

    @Option(names = "--max-folds", defaultValue = "0", description = "Run only the first N folds, 0 = all; for quick tries "
            + "(default: ${DEFAULT-VALUE}).")
    public int maxFolds;

    @Option(names = "--resume", description = "Continue an interrupted run (its id or folder): finished folds are kept, the "
            + "current one resumes from its last checkpoint.")
    public String resume;

    @Option(names = "--speaker-norm", description = "Normalise each speaker's inputs with that speaker's own statistics over "
            + "all their recordings (labels unused), as much SER work does: acoustic features z-scored, log-mel bands brought to "
            + "a common mean and spread. Transductive (it needs a batch of each test speaker's recordings), so the run is ranked "
            + "as <model>+spknorm and flagged.")
    public boolean speakerNorm;

    public Protocol protocol() {
        return UsageException.fromOptions(() -> Protocol.fromId(protocol));
    }
}
