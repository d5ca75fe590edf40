package sep.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * WAV (RIFF, RF64) and AIFF/AIFF-C sample data read from the file in blocks. The header is walked chunk by chunk with
 * positioned reads (the walk of {@link WavReader} and {@link AiffReader}, whose format parsers it reuses), so neither
 * the file nor its samples are ever held whole, and data chunks beyond 2 GB (RF64) are no obstacle.
 */
final class PcmFileStream extends AudioStream {
    /** Bytes read per block: large enough for few system calls, small enough to be nothing beside the JVM. */
    static final int BLOCK_BYTES = 1 << 18;

    private final FileChannel channel;
    private final long dataStart;
    private final int frameBytes;
    private final int bytesPerSample;
    private final Pcm.Kind kind;
    private final boolean bigEndian;
    private long done;
    private byte[] buffer = new byte[0];

    private PcmFileStream(Path file, FileChannel channel, int rate, int channels, long frames, AudioContainer container,
                          long dataStart, int bytesPerSample, Pcm.Kind kind, boolean bigEndian) {
        super(file, rate, channels, frames, container);
        this.channel = channel;
        this.dataStart = dataStart;
        this.bytesPerSample = bytesPerSample;
        this.frameBytes = channels * bytesPerSample;
        this.kind = kind;
        this.bigEndian = bigEndian;
    }

    /** The WAV header of an open file (it starts with RIFF/RF64 ... WAVE); the channel is owned by the stream from here on. */
    static PcmFileStream wav(Path file, FileChannel ch) throws IOException {
        boolean rf64 = fourCc(ch, 0, file).equals("RF64");
        long length = ch.size();
        long pos = 12;
        WavReader.Format fmt = null;
        long dataStart = -1, dataBytes = -1, ds64DataSize = -1;
        while (pos + 8 <= length) {
            byte[] head = bytes(ch, pos, 8, file);
            String id = Pcm.fourCc(head, 0);
            long size = Pcm.uint32(head, 4, false);
            long body = pos + 8;
            long present = length - body;
            if (id.equals("data")) {
                if (rf64 && size == 0xFFFFFFFFL && ds64DataSize >= 0) {
                    size = ds64DataSize;
                } else if (size == 0 || size == 0xFFFFFFFFL) {
                    size = present; // a streaming writer could not fill in the size: the audio runs to the end of the file
                }
                if (size > present) {
                    throw new AudioFormatException(file, "truncated: data chunk declares " + size + " bytes, only " + present + " present");
                }
                dataStart = body;
                dataBytes = size;
                if (fmt != null) break;
            } else {
                if (size > present) {
                    throw new AudioFormatException(file, "truncated: " + Pcm.quoted(id) + " chunk declares " + size
                            + " bytes, only " + present + " present");
                }
                if (id.equals("fmt ")) {
                    if (size > 1 << 16) throw new AudioFormatException(file, "invalid WAV: fmt chunk of " + size + " bytes");
                    fmt = WavReader.parseFormat(bytes(ch, body, (int) size, file), 0, (int) size, file);
                } else if (id.equals("ds64") && rf64) {
                    if (size < 24) throw new AudioFormatException(file, "RF64 ds64 chunk too short (" + size + " bytes)");
                    ds64DataSize = Pcm.int64(bytes(ch, body, 16, file), 8, false);
                }
            }
            pos = body + size + (size & 1); // chunks are padded to an even length
        }
        if (fmt == null) {
            throw new AudioFormatException(file, dataStart < 0 ? "truncated or not a WAV file: no fmt chunk and no data chunk"
                    : "invalid WAV: no fmt chunk");
        }
        if (dataStart < 0) throw new AudioFormatException(file, "truncated or invalid WAV: no data chunk");
        return new PcmFileStream(file, ch, fmt.sampleRate(), fmt.channels(), dataBytes / fmt.blockAlign(), AudioContainer.WAV,
                dataStart, fmt.bits() / 8, fmt.kind(), false);
    }

    /** The AIFF/AIFF-C header of an open file (it starts with FORM ... AIFF/AIFC). */
    static PcmFileStream aiff(Path file, FileChannel ch) throws IOException {
        boolean aifc = fourCc(ch, 8, file).equals("AIFC");
        long length = ch.size();
        long pos = 12;
        AiffReader.Comm comm = null;
        long ssndBody = -1, ssndSize = -1;
        while (pos + 8 <= length) {
            byte[] head = bytes(ch, pos, 8, file);
            String id = Pcm.fourCc(head, 0);
            long size = Pcm.uint32(head, 4, true);
            long body = pos + 8;
            long present = length - body;
            if (size > present) {
                throw new AudioFormatException(file, "truncated: " + Pcm.quoted(id) + " chunk declares " + size
                        + " bytes, only " + present + " present");
            }
            if (id.equals("COMM")) {
                if (size > 1 << 16) throw new AudioFormatException(file, "invalid AIFF: COMM chunk of " + size + " bytes");
                comm = AiffReader.parseComm(bytes(ch, body, (int) size, file), 0, (int) size, aifc, file);
            } else if (id.equals("SSND")) {
                if (size < 8) throw new AudioFormatException(file, "SSND chunk too short (" + size + " bytes, need 8)");
                ssndBody = body;
                ssndSize = size;
            }
            if (comm != null && ssndBody >= 0) break;
            pos = body + size + (size & 1);
        }
        if (comm == null) throw new AudioFormatException(file, "truncated or invalid AIFF: no COMM chunk");
        AudioContainer container = aifc ? AudioContainer.AIFC : AudioContainer.AIFF;
        long start = 0;
        if (ssndBody < 0) {
            if (comm.frames() != 0) {
                throw new AudioFormatException(file, "truncated or invalid AIFF: COMM declares " + comm.frames()
                        + " frames but there is no SSND chunk");
            }
        } else {
            long offset = Pcm.uint32(bytes(ch, ssndBody, 4, file), 0, true);
            long needed = comm.frames() * comm.channels() * comm.bytesPerSample();
            long available = ssndSize - 8 - offset;
            if (available < needed) {
                throw new AudioFormatException(file, "truncated: COMM declares " + comm.frames() + " frames (" + needed
                        + " bytes), SSND holds only " + Math.max(0, available));
            }
            start = ssndBody + 8 + offset;
        }
        return new PcmFileStream(file, ch, comm.sampleRate(), comm.channels(), comm.frames(), container, start,
                comm.bytesPerSample(), comm.kind(), comm.bigEndian());
    }

    @Override
    public int read(float[][] out, int max) throws IOException {
        long left = frames() - done;
        if (left <= 0) return -1;
        int n = (int) Math.min(Math.min(left, max), Math.max(1, BLOCK_BYTES / frameBytes));
        int bytes = n * frameBytes;
        if (buffer.length < bytes) buffer = new byte[bytes];
        readFully(channel, dataStart + done * frameBytes, buffer, bytes, file());
        Pcm.deinterleaveInto(buffer, 0, n, channels(), bytesPerSample, kind, bigEndian, out, 0);
        done += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static String fourCc(FileChannel ch, long pos, Path file) throws IOException {
        return Pcm.fourCc(bytes(ch, pos, 4, file), 0);
    }

    private static byte[] bytes(FileChannel ch, long pos, int n, Path file) throws IOException {
        byte[] b = new byte[n];
        readFully(ch, pos, b, n, file);
        return b;
    }

    private static void readFully(FileChannel ch, long pos, byte[] into, int n, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into, 0, n);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) throw new AudioFormatException(file, "truncated: the file ended while reading byte " + (pos + buf.position()));
        }
    }
}
