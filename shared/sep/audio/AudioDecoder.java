package sep.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads WAV (RIFF and RF64), AIFF, AIFF-C and FLAC files into {@link DecodedAudio}.
 *
 * <p>The format is decided from the first bytes, never from the file name: datasets contain
 * mislabelled files, and uploads arrive with arbitrary names. Anything unreadable is reported as an
 * {@link AudioFormatException} whose message starts with the file and says what is wrong.
 * {@link #decode} reads a file whole into memory, which suits speech clips; {@link #open} reads any file block by block
 * ({@link AudioStream}) with the same scaling and checks, for recordings of any length.
 */
public final class AudioDecoder {
    private AudioDecoder() {}

    /** Below this no useful audio exists; above it a header is almost certainly garbage. */
    static final long MIN_RATE = 1_000;
    static final long MAX_RATE = 768_000;

    public static DecodedAudio decode(Path file) throws IOException {
        return decodeBytes(readFile(file), file);
    }

    /**
     * Opens a file for reading in blocks: the header is parsed now (a damaged or unsupported file fails here with the
     * reason), the samples as {@link AudioStream#read} asks for them. The caller closes the stream.
     */
    public static AudioStream open(Path file) throws IOException {
        checkReadable(file);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new AudioFormatException(file, "cannot read file: permission denied", e);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file, "file not found", e);
        }
        boolean owned = false;
        try {
            long size = ch.size();
            byte[] b = new byte[(int) Math.min(size, 64)];
            ch.read(java.nio.ByteBuffer.wrap(b), 0);
            if (b.length == 0) throw new AudioFormatException(file, "empty file (0 bytes)");
            AudioStream stream;
            if (Pcm.startsWith(b, 0, "RIFF") || Pcm.startsWith(b, 0, "RF64")) {
                if (b.length < 12) throw new AudioFormatException(file, "truncated: RIFF header is " + b.length + " bytes, need 12");
                String type = Pcm.fourCc(b, 8);
                if (!type.equals("WAVE")) throw new AudioFormatException(file, "RIFF file of type " + Pcm.quoted(type) + " is not a WAV file");
                stream = PcmFileStream.wav(file, ch);
            } else if (Pcm.startsWith(b, 0, "FORM")) {
                if (b.length < 12) throw new AudioFormatException(file, "truncated: FORM header is " + b.length + " bytes, need 12");
                String type = Pcm.fourCc(b, 8);
                if (!type.equals("AIFF") && !type.equals("AIFC")) {
                    throw new AudioFormatException(file, "IFF file of type " + Pcm.quoted(type) + " is not an AIFF file");
                }
                stream = PcmFileStream.aiff(file, ch);
            } else if (Pcm.startsWith(b, 0, "fLaC")) {
                stream = FlacFileStream.open(file, java.nio.channels.Channels.newInputStream(ch), 0, size);
            } else if (Pcm.startsWith(b, 0, "ID3") && b.length >= 10) {
                long tag = 10 + (((b[6] & 0x7fL) << 21) | ((b[7] & 0x7fL) << 14) | ((b[8] & 0x7fL) << 7) | (b[9] & 0x7fL))
                        + ((b[5] & 0x10) != 0 ? 10 : 0);
                byte[] marker = new byte[4];
                if (tag + 4 <= size) ch.read(java.nio.ByteBuffer.wrap(marker), tag);
                if (!Pcm.startsWith(marker, 0, "fLaC")) {
                    throw new AudioFormatException(file, "MP3 is not supported (file starts with an ID3 tag); convert it to WAV or FLAC");
                }
                stream = FlacFileStream.open(file, java.nio.channels.Channels.newInputStream(ch), tag, size);
            } else if (Pcm.startsWith(b, 0, "ID3")) {
                throw new AudioFormatException(file, "MP3 is not supported (file starts with an ID3 tag); convert it to WAV or FLAC");
            } else {
                throw new AudioFormatException(file, unsupportedReason(b));
            }
            owned = true;
            return stream;
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFormatException(file, "cannot read file: " + e, e);
        } finally {
            if (!owned) ch.close();
        }
    }

    /** The file as one mono signal: the average of its channels. */
    public static Audio readMono(Path file) throws IOException {
        return decode(file).toMono();
    }

    /**
     * Decodes a whole stream (e.g. an upload). The stream is read to its end but not closed.
     *
     * @param nameForMessages how the source is named in error messages
     */
    public static DecodedAudio decode(InputStream in, String nameForMessages) throws IOException {
        Path name = nameAsPath(nameForMessages);
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (OutOfMemoryError e) {
            throw new AudioFormatException(name, "too large to decode into memory", null);
        } catch (IOException e) {
            throw new AudioFormatException(name, "cannot read stream: " + e.getMessage(), e);
        }
        return decodeBytes(bytes, name);
    }

    private static Path nameAsPath(String name) {
        String n = name == null || name.isBlank() ? "<stream>" : name;
        try {
            return Path.of(n);
        } catch (InvalidPathException e) {
            return Path.of(n.replace('\0', '_'));
        }
    }

    private static void checkReadable(Path file) throws AudioFormatException {
        if (!Files.exists(file)) throw new AudioFormatException(file, "file not found");
        if (Files.isDirectory(file)) throw new AudioFormatException(file, "is a directory, not an audio file");
        if (!Files.isRegularFile(file)) throw new AudioFormatException(file, "not a regular file");
        if (!Files.isReadable(file)) throw new AudioFormatException(file, "cannot read file: permission denied");
    }

    private static byte[] readFile(Path file) throws AudioFormatException {
        checkReadable(file);
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) throw new AudioFormatException(file, "too large to decode into memory (" + size + " bytes)");
            return Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new AudioFormatException(file, "cannot read file: permission denied", e);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file, "file not found", e);
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFormatException(file, "cannot read file: " + e, e);
        }
    }

    static DecodedAudio decodeBytes(byte[] b, Path file) throws AudioFormatException {
        if (b.length == 0) throw new AudioFormatException(file, "empty file (0 bytes)");
        if (Pcm.startsWith(b, 0, "RIFF") || Pcm.startsWith(b, 0, "RF64")) {
            if (b.length < 12) throw new AudioFormatException(file, "truncated: RIFF header is " + b.length + " bytes, need 12");
            String type = Pcm.fourCc(b, 8);
            if (!type.equals("WAVE")) {
                throw new AudioFormatException(file, "RIFF file of type " + Pcm.quoted(type) + " is not a WAV file");
            }
            return WavReader.read(b, file);
        }
        if (Pcm.startsWith(b, 0, "FORM")) {
            if (b.length < 12) throw new AudioFormatException(file, "truncated: FORM header is " + b.length + " bytes, need 12");
            String type = Pcm.fourCc(b, 8);
            if (!type.equals("AIFF") && !type.equals("AIFC")) {
                throw new AudioFormatException(file, "IFF file of type " + Pcm.quoted(type) + " is not an AIFF file");
            }
            return AiffReader.read(b, file);
        }
        if (Pcm.startsWith(b, 0, "fLaC")) return FlacReader.read(b, 0, file);
        if (Pcm.startsWith(b, 0, "ID3")) {
            // An ID3v2 tag may precede FLAC as well as MP3; look past it (10-byte header, sync-safe size, optional footer).
            if (b.length >= 10) {
                long tag = 10 + (((b[6] & 0x7fL) << 21) | ((b[7] & 0x7fL) << 14) | ((b[8] & 0x7fL) << 7) | (b[9] & 0x7fL))
                        + ((b[5] & 0x10) != 0 ? 10 : 0);
                if (tag < b.length && Pcm.startsWith(b, (int) tag, "fLaC")) return FlacReader.read(b, (int) tag, file);
            }
            throw new AudioFormatException(file, "MP3 is not supported (file starts with an ID3 tag); convert it to WAV or FLAC");
        }
        throw new AudioFormatException(file, unsupportedReason(b));
    }

    private static String unsupportedReason(byte[] b) {
        if (Pcm.startsWith(b, 0, "OggS")) {
            String codec = "Ogg";
            if (Pcm.startsWith(b, 29, "vorbis")) codec = "Ogg Vorbis";
            else if (Pcm.startsWith(b, 28, "OpusHead")) codec = "Ogg Opus";
            else if (Pcm.startsWith(b, 29, "FLAC")) codec = "Ogg FLAC";
            else if (Pcm.startsWith(b, 28, "Speex")) codec = "Ogg Speex";
            return codec + " is not supported (Ogg container); convert it to WAV or FLAC";
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            int layer = (b[1] >> 1) & 3;
            if (layer == 0 && (b[1] & 0xF0) == 0xF0) return "AAC (ADTS) is not supported; convert it to WAV or FLAC";
            if (layer != 0) {
                String name = layer == 1 ? "MP3" : "MPEG audio layer " + (layer == 2 ? "II" : "I");
                return name + " is not supported (MPEG frame sync at byte 0); convert it to WAV or FLAC";
            }
        }
        if (Pcm.startsWith(b, 4, "ftyp")) return "MP4/M4A is not supported; convert it to WAV or FLAC";
        if (Pcm.startsWith(b, 0, "RIFX")) return "big-endian RIFX WAV is not supported";
        if (Pcm.startsWith(b, 0, "caff")) return "Core Audio Format (CAF) is not supported";
        if (Pcm.startsWith(b, 0, ".snd")) return "Sun/NeXT AU is not supported";
        if (Pcm.startsWith(b, 0, "#!AMR")) return "AMR is not supported";
        if (Pcm.startsWith(b, 0, "MThd")) return "MIDI is not audio and is not supported";
        if (Pcm.startsWith(b, 0, "riff") && Pcm.startsWith(b, 24, "wave")) {
            return "Sony Wave64 (W64) is not supported; convert it to WAV or FLAC";
        }
        if (Pcm.startsWith(b, 0, "wvpk")) return "WavPack is not supported; convert it to WAV or FLAC";
        if (b.length >= 4 && (b[0] & 0xff) == 0x30 && (b[1] & 0xff) == 0x26 && (b[2] & 0xff) == 0xB2 && (b[3] & 0xff) == 0x75) {
            return "WMA/ASF is not supported";
        }
        return "not a WAV, AIFF or FLAC file (starts with " + preview(b) + ")";
    }

    /** Up to 8 leading bytes as hex and as text, so a reader can recognise what the file really is. */
    private static String preview(byte[] b) {
        int n = Math.min(8, b.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xff;
            if (i > 0) hex.append(' ');
            hex.append(String.format("%02X", v));
            text.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
        }
        return hex + " \"" + text + "\"";
    }

    static void checkChannels(int channels, Path file) throws AudioFormatException {
        if (channels == 0) throw new AudioFormatException(file, "zero channels");
        if (channels < 0) throw new AudioFormatException(file, "invalid channel count " + channels);
    }

    static void checkRate(long rate, Path file) throws AudioFormatException {
        if (rate == 0) throw new AudioFormatException(file, "sample rate 0 Hz");
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new AudioFormatException(file, "implausible sample rate " + rate + " Hz (supported: " + MIN_RATE + " to " + MAX_RATE + ")");
        }
    }
}
