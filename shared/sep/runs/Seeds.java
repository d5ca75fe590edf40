package sep.runs;

/**
 * The project's one default seed (as Tribuo's {@code DEFAULT_SEED}): every option that takes a seed starts from it
 * ({@code sep-prep --seed}, {@code --seeds} of the protocol runs, {@code sep-eval} of a model whose run gives none), so
 * that runs made without naming a seed share their splits and can be compared fold by fold.
 */
public final class Seeds {
    private Seeds() {}

    public static final long DEFAULT = 12345L;

    /** {@link #DEFAULT} as picocli's {@code defaultValue} text (annotations need a constant). */
    public static final String DEFAULT_TEXT = "" + DEFAULT;
}
