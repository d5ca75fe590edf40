package sep.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * the frame and carries on. Those reports are collected here and turned into an exception, and the
 * decoded length is checked against STREAMINFO, so a damaged or cut file is never returned as audio.
 */
final class FlacReader {
    private FlacReader() {}

    static DecodedAudio read(byte[] b, Path file) throws AudioFormatException {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(b));
        List<String> problems = new ArrayList<>();
        decoder.addFrameListener(new FrameListener() {
            @Override public void processMetadata(Metadata metadata) {}
            @Override public void processFrame(Frame frame) {}
            @Override public void processError(String msg) {
                problems.add(msg);
            }
        });
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (EOFException e) {
            throw new AudioFormatException(file, "truncated: FLAC metadata ends early", e);
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "invalid FLAC metadata: " + e.getMessage(), e);
        }
        if (info == null) throw new AudioFormatException(file, "invalid FLAC: no STREAMINFO block");
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        AudioDecoder.checkChannels(channels, file);
        AudioDecoder.checkRate(info.getSampleRate(), file);
        if (bits != 8 && bits != 16 && bits != 24) {
            // jflac's sample arithmetic is only trustworthy up to 24 bits; other depths are rare.
            throw new AudioFormatException(file, "unsupported FLAC bits per sample: " + bits + " (8, 16 and 24 are supported)");
        }
        long total = info.getTotalSamples(); // 0 means "unknown" in FLAC
        if (total > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException(file, "too long to decode into memory: " + total + " frames");
        }
        float scale = 1f / (1 << (bits - 1));
        float[][] out = new float[channels][(int) (total > 0 ? total : 1 << 16)];
        long decoded = 0;
        try {
            // Stop at STREAMINFO's count ourselves: jflac would otherwise try to parse trailing tags as frames.
            while (total == 0 || decoded < total) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) break;
                if (!problems.isEmpty()) break;
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
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "corrupt FLAC at sample " + decoded + ": " + e, e);
        }
        if (!problems.isEmpty() || decoder.getBadFrames() > 0) {
            String first = problems.isEmpty() ? decoder.getBadFrames() + " undecodable frames" : problems.get(0);
            // Running out of bytes mid-frame surfaces as a lost sync or CRC error, so say "truncated" when short.
            String what = total > 0 && decoded < total ? "truncated or corrupt FLAC" : "corrupt FLAC";
            throw new AudioFormatException(file, what + " after " + decoded + " of " + (total > 0 ? total : "?")
                    + " samples: " + first);
        }
        if (total > 0 && decoded != total) {
            throw new AudioFormatException(file, "truncated: STREAMINFO declares " + total + " samples, only " + decoded + " present");
        }
        if (out[0].length != decoded) {
            for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], (int) decoded);
        }
        return new DecodedAudio(out, info.getSampleRate(), AudioContainer.FLAC, bits, false);
    }
}
