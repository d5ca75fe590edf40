package sep.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through org.jflac, reading the decoder's integer channel buffers directly (its PCM byte
 * callback only covers 8/16/24-bit and would need a second conversion).
 *
 * <p>jflac does not fail on damage: it reports CRC mismatches and lost sync to listeners, zeroes
 * the frame and carries on. The first report is turned into an exception here, and the
 * decoded length is checked against STREAMINFO, so a damaged or cut file is never returned as audio.
 */
final class FlacReader {
    private FlacReader() {}

    /** @param start offset of the "fLaC" marker (after an ID3v2 tag, if any) */
    static DecodedAudio read(byte[] b, int start, Path file) throws AudioFormatException {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(withStreamInfoOnly(b, start, file)));
        StreamInfo info = readStreamInfo(decoder, file);
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        long total = info.getTotalSamples(); // 0 means "unknown" in FLAC
        if (total > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException(file, "too long to decode into memory: " + total + " frames");
        }
        float scale = 1f / (1 << (bits - 1));
        // Trust STREAMINFO's count for the allocation only when the file is big enough to hold that many
        // samples at a generous 32:1 compression; a damaged count must not trigger a huge allocation.
        boolean plausible = total > 0 && total <= 64L * b.length / channels + 65536;
        float[][] out = new float[channels][(int) (plausible ? total : 1 << 16)];
        long decoded = 0;
        try {
            // Stop at STREAMINFO's count ourselves: jflac would otherwise try to parse trailing tags as frames.
            while (total == 0 || decoded < total) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) break;
                if (decoder.getBadFrames() > 0) throw new Damage(decoder.getBadFrames() + " undecodable frame(s)");
                int blockSize = frame.header.blockSize;
                if (frame.header.channels != channels) {
                    throw new AudioFormatException(file, "corrupt FLAC: frame at sample " + decoded + " has "
                            + frame.header.channels + " channels, STREAMINFO says " + channels);
                }
                if (total > 0 && decoded + blockSize > total) {
                    throw new AudioFormatException(file, "corrupt FLAC: frames hold more than the " + total
                            + " samples STREAMINFO declares");
                }
                if (decoded + blockSize > out[0].length) {
                    if (decoded + blockSize > Integer.MAX_VALUE - 8) {
                        throw new AudioFormatException(file, "too long to decode into memory");
                    }
                    int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(decoded + blockSize, out[0].length * 2L));
                    for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], grown);
                }
                ChannelData[] data = decoder.getChannelData();
                int at = (int) decoded;
                for (int c = 0; c < channels; c++) {
                    int[] src = data[c].getOutput();
                    float[] dst = out[c];
                    for (int i = 0; i < blockSize; i++) dst[at + i] = src[i] * scale;
                }
                decoded += blockSize;
            }
        } catch (AudioFormatException e) {
            throw e;
        } catch (Damage e) {
            // Running out of bytes mid-frame surfaces as a lost sync or CRC error, so say "truncated" when short.
            String what = total > 0 && decoded < total ? "truncated or corrupt FLAC" : "corrupt FLAC";
            throw new AudioFormatException(file, what + " after " + decoded + " of " + (total > 0 ? total : "?")
                    + " samples: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "corrupt FLAC at sample " + decoded + ": " + e, e);
        }
        if (total > 0 && decoded != total) {
            throw new AudioFormatException(file, "truncated: STREAMINFO declares " + total + " samples, only " + decoded + " present");
        }
        if (out[0].length != decoded) {
            for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], (int) decoded);
        }
        return new DecodedAudio(out, info.getSampleRate(), AudioContainer.FLAC, bits, false);
    }

    /**
     * Reads the metadata of a decoder (whole-file or {@link FlacFileStream}) and checks what this project decodes: the
     * channel count, the rate, and 8, 16 or 24 bits. The decoder then stops at the first error it reports.
     */
    static StreamInfo readStreamInfo(FLACDecoder decoder, Path file) throws AudioFormatException {
        decoder.addFrameListener(new FrameListener() {
            @Override public void processMetadata(Metadata metadata) {}
            @Override public void processFrame(Frame frame) {}
            @Override public void processError(String msg) {
                // Stop at the first report: jflac would carry on, and on some damage it reports the
                // same bad header forever without consuming input.
                throw new Damage(msg);
            }
        });
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "invalid FLAC metadata: " + e.getMessage(), e);
        }
        if (info == null) throw new AudioFormatException(file, "invalid FLAC: no STREAMINFO block");
        AudioDecoder.checkChannels(info.getChannels(), file);
        AudioDecoder.checkRate(info.getSampleRate(), file);
        int bits = info.getBitsPerSample();
        if (bits != 8 && bits != 16 && bits != 24) {
            // jflac's sample arithmetic is only trustworthy up to 24 bits; other depths are rare.
            throw new AudioFormatException(file, "unsupported FLAC bits per sample: " + bits + " (8, 16 and 24 are supported)");
        }
        return info;
    }

    /**
     * The stream with every metadata block except STREAMINFO removed. jflac parses tags, pictures
     * and cue sheets by trusting their internal lengths, so a damaged tag can make it allocate
     * gigabytes; the audio needs none of them. Block lengths are checked against the file here.
     */
    private static byte[] withStreamInfoOnly(byte[] b, int start, Path file) throws AudioFormatException {
        int p = start + 4;
        int streamInfo = -1;
        for (int block = 0; ; block++) {
            if (p + 4 > b.length) throw new AudioFormatException(file, "truncated: FLAC metadata ends early");
            boolean last = (b[p] & 0x80) != 0;
            int type = b[p] & 0x7f;
            int length = ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (p + 4L + length > b.length) {
                throw new AudioFormatException(file, "truncated: FLAC metadata block " + block + " declares " + length
                        + " bytes, only " + (b.length - p - 4) + " present");
            }
            if (block == 0) {
                if (type != 0 || length != 34) {
                    throw new AudioFormatException(file, "invalid FLAC: first metadata block is not a 34-byte STREAMINFO");
                }
                streamInfo = p + 4;
            } else if (type == 0 || type == 127) {
                throw new AudioFormatException(file, "invalid FLAC: metadata block " + block + " has type " + type);
            }
            p += 4 + length;
            if (last) break;
        }
        byte[] out = new byte[4 + 4 + 34 + (b.length - p)];
        System.arraycopy(b, start, out, 0, 4); // "fLaC"
        out[4] = (byte) 0x80; // last block, type 0
        out[7] = 34;
        System.arraycopy(b, streamInfo, out, 8, 34);
        System.arraycopy(b, p, out, 42, b.length - p);
        return out;
    }

    /** A problem jflac reported; unchecked so it can leave jflac's listener callback. */
    static final class Damage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damage(String message) {
            super(message, null, false, false);
        }
    }
}
