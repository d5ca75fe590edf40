package sep.data;

/** A corpus folder that is missing, incomplete or holds a file whose name does not parse. */
public class CorpusFormatException extends IllegalArgumentException {
    public CorpusFormatException(String message) {
        super(message);
    }
}
