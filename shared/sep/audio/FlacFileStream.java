package sep.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC decoded one frame at a time through jflac's {@code readNextFrame()}: only the current frame (at most 65535
 * samples per channel) is in memory. The checks are {@link FlacReader}'s: metadata other than STREAMINFO is skipped
 * unparsed (a damaged tag must not make jflac allocate gigabytes), the first error jflac reports ends the stream with
 * an {@link AudioFormatException}, and the decoded length must be STREAMINFO's.
 */
final class FlacFileStream extends AudioStream {
    private final InputStream in;
    private final FLACDecoder decoder;
    private final long total;
    private final float scale;
    private long decoded;
    private float[][] pending = new float[0][];
    private int pendingPos;
    private int pendingLen;
    private boolean ended;

    private FlacFileStream(Path file, InputStream in, FLACDecoder decoder, StreamInfo info) {
        super(file, info.getSampleRate(), info.getChannels(), info.getTotalSamples() > 0 ? info.getTotalSamples() : -1,
                AudioContainer.FLAC);
        this.in = in;
        this.decoder = decoder;
        this.total = info.getTotalSamples();
        this.scale = 1f / (1 << (info.getBitsPerSample() - 1));
    }

    /**
     * @param raw       the file, positioned at its start
     * @param start     offset of the "fLaC" marker (after an ID3v2 tag, if any)
     * @param fileBytes the file's size, against which metadata lengths are checked
     */
    static FlacFileStream open(Path file, InputStream raw, long start, long fileBytes) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.skipNBytes(start);
            byte[] head = in.readNBytes(4);
            if (head.length < 4) throw new AudioFormatException(file, "truncated: FLAC metadata ends early");
            long p = start + 4;
            byte[] streamInfo = null;
            for (int block = 0; ; block++) {
                byte[] h = in.readNBytes(4);
                if (h.length < 4) throw new AudioFormatException(file, "truncated: FLAC metadata ends early");
                boolean last = (h[0] & 0x80) != 0;
                int type = h[0] & 0x7f;
                int length = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                if (p + 4 + length > fileBytes) {
                    throw new AudioFormatException(file, "truncated: FLAC metadata block " + block + " declares " + length
                            + " bytes, only " + (fileBytes - p - 4) + " present");
                }
                if (block == 0) {
                    if (type != 0 || length != 34) {
                        throw new AudioFormatException(file, "invalid FLAC: first metadata block is not a 34-byte STREAMINFO");
                    }
                    streamInfo = in.readNBytes(34);
                } else if (type == 0 || type == 127) {
                    throw new AudioFormatException(file, "invalid FLAC: metadata block " + block + " has type " + type);
                } else {
                    in.skipNBytes(length);
                }
                p += 4 + length;
                if (last) break;
            }
            byte[] header = new byte[42];
            System.arraycopy(head, 0, header, 0, 4); // "fLaC"
            header[4] = (byte) 0x80; // last block, type 0
            header[7] = 34;
            System.arraycopy(streamInfo, 0, header, 8, 34);
            FLACDecoder decoder = new FLACDecoder(new SequenceInputStream(new ByteArrayInputStream(header), in));
            return new FlacFileStream(file, in, decoder, FlacReader.readStreamInfo(decoder, file));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public int read(float[][] out, int max) throws IOException {
        if (pendingPos == pendingLen && !nextFrame()) return -1;
        int n = Math.min(max, pendingLen - pendingPos);
        for (int c = 0; c < channels(); c++) System.arraycopy(pending[c], pendingPos, out[c], 0, n);
        pendingPos += n;
        return n;
    }

    /** Decodes the next frame into {@link #pending}; false at the end of the audio (after checking its length). */
    private boolean nextFrame() throws AudioFormatException {
        if (ended) return false;
        int channels = channels();
        try {
            // Stop at STREAMINFO's count ourselves: jflac would otherwise try to parse trailing tags as frames.
            Frame frame = total > 0 && decoded >= total ? null : decoder.readNextFrame();
            if (frame == null) {
                ended = true;
                if (total > 0 && decoded != total) {
                    throw new AudioFormatException(file(), "truncated: STREAMINFO declares " + total + " samples, only " + decoded + " present");
                }
                return false;
            }
            if (decoder.getBadFrames() > 0) throw new FlacReader.Damage(decoder.getBadFrames() + " undecodable frame(s)");
            int blockSize = frame.header.blockSize;
            if (frame.header.channels != channels) {
                throw new AudioFormatException(file(), "corrupt FLAC: frame at sample " + decoded + " has "
                        + frame.header.channels + " channels, STREAMINFO says " + channels);
            }
            if (total > 0 && decoded + blockSize > total) {
                throw new AudioFormatException(file(), "corrupt FLAC: frames hold more than the " + total + " samples STREAMINFO declares");
            }
            if (pending.length != channels || pending[0].length < blockSize) pending = new float[channels][blockSize];
            ChannelData[] data = decoder.getChannelData();
            for (int c = 0; c < channels; c++) {
                int[] src = data[c].getOutput();
                float[] dst = pending[c];
                for (int i = 0; i < blockSize; i++) dst[i] = src[i] * scale;
            }
            pendingPos = 0;
            pendingLen = blockSize;
            decoded += blockSize;
            return blockSize > 0 || nextFrame();
        } catch (AudioFormatException e) {
            throw e;
        } catch (FlacReader.Damage e) {
            String what = total > 0 && decoded < total ? "truncated or corrupt FLAC" : "corrupt FLAC";
            throw new AudioFormatException(file(), what + " after " + decoded + " of " + (total > 0 ? total : "?")
                    + " samples: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file(), "corrupt FLAC at sample " + decoded + ": " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
