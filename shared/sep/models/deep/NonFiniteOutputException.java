package sep.models.deep;

/** A network produced NaN or infinite outputs; the message says for what input and the likely cause. */
public final class NonFiniteOutputException extends IllegalStateException {
    public NonFiniteOutputException(String message) {
        super(message);
    }
}
