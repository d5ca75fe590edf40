package sep.models.deep;

/**
 * One training or validation clip: raw dB log-mel {@code [mel][frame]} and its class index into the
 * label list given to the trainer. The array is not copied.
 */
public record LabelledMel(String id, float[][] db, int label) {
    public LabelledMel {
        if (db == null) throw new IllegalArgumentException("clip " + id + ": db must not be null");
    }
}
