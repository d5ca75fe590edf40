package sep.features;

import org.jtransforms.fft.FloatFFT_1D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * The short-time Fourier transform shared by the extractor and Griffin-Lim, as librosa computes it:
 * periodic Hann window ({@code scipy.signal.get_window('hann', n, fftbins=True)}), frames centred on
 * {@code t * hop} with {@code nFft / 2} zeros beyond each end (pad_mode 'constant').
 *
 * <p>Periodic rather than symmetric Hann because that is what librosa uses, and because its
 * shifted copies at hop {@code nFft / 4} sum to a constant, which the inverse relies on.
 *
 * <p>Spectra use JTransforms' packed real layout: {@code a[0] = Re X0}, {@code a[1] = Re X(n/2)},
 * {@code a[2k], a[2k+1] = Re, Im X(k)} for {@code 0 < k < n/2}.
 */
final class Stft {

    static {
        // Frames are 1024 points: far too small to gain from JTransforms' own worker threads, and
        // callers parallelise over clips. One thread also keeps the extractor's cost predictable.
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    final int nFft;
    final int hop;
    final int bins;
    final float[] window;

    Stft(int nFft, int hop) {
        this.nFft = nFft;
        this.hop = hop;
        this.bins = nFft / 2 + 1;
        this.window = periodicHann(nFft);
    }

    static float[] periodicHann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n));
        return w;
    }

    FloatFFT_1D newFft() {
        return new FloatFFT_1D(nFft);
    }

    /**
     * Windowed frame {@code t} of a centred STFT, zero outside the signal, into {@code buf}; the
     * interior frames (almost all of them) copy without bounds checks.
     */
    void frame(float[] x, int t, float[] buf) {
        int start = t * hop - nFft / 2;
        float[] w = window;
        if (start >= 0 && start + nFft <= x.length) {
            // copy, then multiply in place: this form C2 vectorises reliably
            System.arraycopy(x, start, buf, 0, nFft);
            for (int i = 0; i < nFft; i++) buf[i] *= w[i];
        } else {
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                buf[i] = (j >= 0 && j < x.length) ? x[j] * w[i] : 0f;
            }
        }
    }

    /** Power {@code |X(k)|^2} of a packed real spectrum into {@code power[0..bins)}. */
    void power(float[] spec, float[] power) {
        int half = nFft / 2;
        power[0] = spec[0] * spec[0];
        power[half] = spec[1] * spec[1];
        for (int k = 1; k < half; k++) {
            float re = spec[2 * k];
            float im = spec[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }
}
