package sep.models.deep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The deep model families; {@link #id()} is the {@code kind} in {@code model.json} and the command-line name. */
public enum Architecture {
    /** MLP on pooled per-band statistics of the normalised log-mel. */
    ANN,
    /** Four conv blocks, global average + max pooling. */
    CNN,
    /** ResNet-18 layout (2-2-2-2 basic blocks), one input channel, narrow. */
    RESNET,
    /** MBConv blocks with squeeze-excitation and SiLU, scaled down. */
    EFFICIENTNET;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Architecture fromId(String id) {
        if (id == null) throw new IllegalArgumentException("architecture id must not be null");
        for (Architecture a : values()) if (a.id().equals(id.trim().toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("unknown architecture \"" + id + "\"; use one of "
                + Arrays.stream(values()).map(Architecture::id).toList());
    }
}
