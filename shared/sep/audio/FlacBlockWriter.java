package sep.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes FLAC files of any length block by block, for the tests and the benchmark of long recordings (no encoder on
 * Maven Central is maintained; this one does not compress): a block of digital silence is one CONSTANT subframe per
 * channel (a few bytes, so 12 hours of 48 kHz stereo silence take about 8 MB, like the file that once exhausted
 * sep-predict's memory), any other block VERBATIM samples. CRC-8 and CRC-16 are correct and the frames numbered, so
 * jflac decodes the file as it would any other.
 */
public final class FlacBlockWriter {
    private FlacBlockWriter() {}

    /** The samples of one block, or null for silence. */
    @FunctionalInterface
    public interface Blocks {
        /** @return {@code [channel][size]} integers in the signed range of the depth, or null for a silent block */
        int[][] block(long start, int size);
    }

    /** Frames per FLAC frame (block). */
    public static final int BLOCK = 4096;

    /**
     * @param bits          8, 16 or 24
     * @param frames        frames to write, asked of {@code blocks} {@link #BLOCK} at a time
     * @param declaredTotal the frame count STREAMINFO declares (0 = unknown, as FLAC allows)
     */
    public static void write(Path file, int rate, int channels, int bits, long frames, long declaredTotal, Blocks blocks) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, rate, channels, bits, BLOCK, frames, declaredTotal, blocks);
        }
    }

    /**
     * As {@link #write(Path, int, int, int, long, long, Blocks)}, to a stream and with blocks of {@code blockSize} frames.
     *
     * @param bits 8, 12, 16, 20 or 24 (12 and 20 are valid FLAC that the project's decoder refuses: tests use them)
     */
    public static void write(OutputStream out, int rate, int channels, int bits, int blockSize, long frames, long declaredTotal,
                             Blocks blocks) throws IOException {
        Bits w = new Bits();
        w.bits(0x664C6143L, 32); // "fLaC"
        w.bits(1, 1).bits(0, 7).bits(34, 24); // last metadata block, STREAMINFO, 34 bytes
        w.bits(blockSize, 16).bits(blockSize, 16).bits(0, 24).bits(0, 24);
        w.bits(rate, 20).bits(channels - 1, 3).bits(bits - 1, 5).bits(declaredTotal, 36);
        for (int i = 0; i < 16; i++) w.bits(0, 8); // MD5 unknown
        out.write(w.take());
        long frame = 0;
        for (long start = 0; start < frames; start += blockSize, frame++) {
            int size = (int) Math.min(blockSize, frames - start);
            int[][] samples = blocks.block(start, size);
            w.bits(0x3FFE, 14).bits(0, 1).bits(0, 1); // sync, reserved, fixed block size
            w.bits(0b0111, 4).bits(0b0000, 4);         // block size in 16 bits after the number; rate from STREAMINFO
            w.bits(channels - 1, 4).bits(sampleSizeCode(bits), 3).bits(0, 1);
            utf8(w, frame);
            w.bits(size - 1, 16);
            w.bits(crc8(w.buf, 0, w.byteCount()), 8);
            for (int c = 0; c < channels; c++) {
                if (samples == null) {
                    w.bits(0x00, 8).bits(0, bits); // CONSTANT 0
                } else {
                    w.bits(0x02, 8); // VERBATIM
                    for (int i = 0; i < size; i++) w.bits(samples[c][i], bits);
                }
            }
            w.align();
            w.bits(crc16(w.buf, 0, w.byteCount()), 16);
            out.write(w.take());
        }
    }

    private static int sampleSizeCode(int bits) {
        return switch (bits) {
            case 8 -> 0b001;
            case 12 -> 0b010;
            case 16 -> 0b100;
            case 20 -> 0b101;
            case 24 -> 0b110;
            default -> throw new IllegalArgumentException("bits " + bits);
        };
    }

    /** FLAC's frame number: UTF-8-style coding of up to 31 bits. */
    private static void utf8(Bits w, long v) {
        if (v < 0x80) {
            w.bits(v, 8);
        } else if (v < 0x800) {
            w.bits(0xC0 | (v >> 6), 8).bits(0x80 | (v & 0x3F), 8);
        } else if (v < 0x10000) {
            w.bits(0xE0 | (v >> 12), 8).bits(0x80 | ((v >> 6) & 0x3F), 8).bits(0x80 | (v & 0x3F), 8);
        } else if (v < 0x200000) {
            w.bits(0xF0 | (v >> 18), 8).bits(0x80 | ((v >> 12) & 0x3F), 8).bits(0x80 | ((v >> 6) & 0x3F), 8).bits(0x80 | (v & 0x3F), 8);
        } else {
            w.bits(0xF8 | (v >> 24), 8).bits(0x80 | ((v >> 18) & 0x3F), 8).bits(0x80 | ((v >> 12) & 0x3F), 8)
                    .bits(0x80 | ((v >> 6) & 0x3F), 8).bits(0x80 | (v & 0x3F), 8);
        }
    }

    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c8 = b, c16 = b << 8;
            for (int k = 0; k < 8; k++) {
                c8 = (c8 & 0x80) != 0 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
                c16 = (c16 & 0x8000) != 0 ? ((c16 << 1) ^ 0x8005) & 0xffff : (c16 << 1) & 0xffff;
            }
            CRC8[b] = c8;
            CRC16[b] = c16;
        }
    }

    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) crc = CRC8[(crc ^ b[i]) & 0xff];
        return crc;
    }

    private static int crc16(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[((crc >> 8) ^ b[i]) & 0xff];
        return crc;
    }

    /** A bit writer for one frame at a time. */
    private static final class Bits {
        byte[] buf = new byte[1 << 14];
        long bitPos;

        Bits bits(long value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                int byteIndex = (int) (bitPos >> 3);
                if (byteIndex >= buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                if (((value >> i) & 1) != 0) buf[byteIndex] |= (byte) (0x80 >> (bitPos & 7));
                bitPos++;
            }
            return this;
        }

        void align() {
            while ((bitPos & 7) != 0) bits(0, 1);
        }

        int byteCount() {
            return (int) ((bitPos + 7) >> 3);
        }

        byte[] take() {
            byte[] out = Arrays.copyOf(buf, byteCount());
            Arrays.fill(buf, 0, out.length, (byte) 0);
            bitPos = 0;
            return out;
        }
    }
}
