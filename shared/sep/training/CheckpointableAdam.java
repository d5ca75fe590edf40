package sep.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam / AdamW whose moment estimates and step count can be saved and restored, so that a resumed
 * run continues exactly where it stopped. DJL's own {@code Adam} keeps its state in private maps
 * keyed by run-specific parameter ids, so a restart would begin again with empty moments.
 *
 * <p>The update itself is DJL's fused native {@code adamUpdate} (the same kernel as DJL's Adam and
 * AdamW): with {@code adamw} the decay is decoupled ({@code w -= lr * wd * w}), otherwise it is an L2
 * term added to the gradient. Weight decay applies to {@link Parameter.Type#WEIGHT} parameters only:
 * decaying batch-norm scales and biases just fights the normalisation. No gradient clipping: the
 * native kernel clamps only from above.
 *
 * <p>The training loop calls {@link #beginStep(double)} before each {@code trainer.step()}: one count
 * per step, whatever the number of parameters, with the learning rate of that step.
 */
public final class CheckpointableAdam extends Optimizer {

    private final boolean decoupled;
    private final float weightDecay;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;

    /** Parameter id -> name, in the block's parameter order (ids differ between runs, names do not). */
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new HashMap<>();
    /** Moments by parameter name. */
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private long step;
    private float learningRate;

    /**
     * @param decoupled   true for AdamW, false for Adam with L2 weight decay
     * @param weightDecay decay of WEIGHT parameters (0 for none)
     * @param params      the block's parameters ({@code block.getParameters()}), for names and types
     */
    public CheckpointableAdam(boolean decoupled, double weightDecay, PairList<String, Parameter> params) {
        super(new Builder());
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        this.decoupled = decoupled;
        this.weightDecay = (float) weightDecay;
        for (Pair<String, Parameter> p : params) {
            names.put(p.getValue().getId(), p.getKey());
            parameters.put(p.getValue().getId(), p.getValue());
        }
    }

    /** Starts optimisation step {@link #steps()} + 1 with this learning rate. */
    public void beginStep(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        step++;
        learningRate = (float) lr;
    }

    /** Steps begun so far. */
    public long steps() {
        return step;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (step == 0) throw new IllegalStateException("beginStep(lr) must be called before trainer.step()");
        String name = names.get(parameterId);
        if (name == null) throw new IllegalStateException("parameter " + parameterId + " was not given to the optimiser");
        double coef1 = 1.0 - Math.pow(beta1, step);
        double coef2 = 1.0 - Math.pow(beta2, step);
        float biasCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        float wd = parameters.get(parameterId).getType() == Parameter.Type.WEIGHT ? weightDecay : 0f;
        NDArray m = means.computeIfAbsent(name, k -> weight.zerosLike());
        NDArray v = variances.computeIfAbsent(name, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight),
                learningRate, biasCorrected, wd, 1f, -1f, beta1, beta2, epsilon, true, decoupled);
    }

    /** Writes the step count and the moments of every parameter updated so far. */
    public void save(DataOutputStream out) throws IOException {
        out.writeUTF("sep-adam-1");
        out.writeBoolean(decoupled);
        out.writeLong(step);
        out.writeInt(means.size());
        for (String name : names.values()) {
            NDArray m = means.get(name);
            if (m == null) continue;
            out.writeUTF(name);
            out.write(m.encode());
            out.write(variances.get(name).encode());
        }
    }

    /** Restores what {@link #save} wrote; moments are created in {@code manager}. */
    public void load(DataInputStream in, NDManager manager) throws IOException {
        String magic = in.readUTF();
        if (!"sep-adam-1".equals(magic)) throw new IOException("not an optimiser state (header " + magic + ")");
        boolean savedDecoupled = in.readBoolean();
        if (savedDecoupled != decoupled) throw new IOException("optimiser state is " + (savedDecoupled ? "AdamW" : "Adam") + ", this run uses the other");
        long savedStep = in.readLong();
        int n = in.readInt();
        Map<String, NDArray> m = new HashMap<>();
        Map<String, NDArray> v = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            if (!names.containsValue(name)) throw new IOException("optimiser state has parameter " + name + ", which this network does not have");
            m.put(name, manager.decode(in));
            v.put(name, manager.decode(in));
        }
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        means.putAll(m);
        variances.putAll(v);
        step = savedStep;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
