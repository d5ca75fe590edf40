package sep.prediction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Classifies a stream of files on several threads with bounded memory, handing results on in input order.
 *
 * <p>Files are taken from the iterator in small batches ({@code batch} files: one model call each, which amortises a
 * network's forward pass); at most {@code 2 x threads} batches are in flight, so however many files there are, only a
 * few dozen are decoded at any time. Results are passed to {@code sink} on the calling thread, in the order the
 * iterator gave the files: the output is the same on any number of threads, and a resumed run can trust that
 * everything before the last written file is done. Each result is passed on as soon as it and all before it are
 * known, not when its whole batch is: a batch holding a recording of hours does not keep its other files waiting.
 */
public final class ParallelClassifier {
    private ParallelClassifier() {}

    /** Files per model call: enough to batch a forward pass, few enough to keep the pipeline full on 2 cores. */
    public static final int DEFAULT_BATCH = 8;

    public static void run(Iterator<AudioFiles.Found> items, Predictor predictor, int threads, int batch, Consumer<FileResult> sink) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sep-classify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<Batch> inFlight = new ArrayDeque<>();
        try {
            List<AudioFiles.Found> next = new ArrayList<>(batch);
            while (items.hasNext()) {
                next.add(items.next());
                if (next.size() == batch) {
                    inFlight.add(Batch.submit(pool, predictor, next));
                    next = new ArrayList<>(batch);
                    while (inFlight.size() >= 2 * threads) inFlight.poll().deliver(sink);
                }
            }
            if (!next.isEmpty()) inFlight.add(Batch.submit(pool, predictor, next));
            while (!inFlight.isEmpty()) inFlight.poll().deliver(sink);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Files classified by one worker; their results arrive one by one, in order, in {@code results}. */
    private record Batch(int size, BlockingQueue<FileResult> results, Future<?> work) {
        static Batch submit(ExecutorService pool, Predictor predictor, List<AudioFiles.Found> files) {
            BlockingQueue<FileResult> results = new LinkedBlockingQueue<>();
            return new Batch(files.size(), results, pool.submit(() -> predictor.classify(files, results::add)));
        }

        /** Hands every result to {@code sink} as it comes; a failure of the worker itself is rethrown. */
        void deliver(Consumer<FileResult> sink) {
            try {
                for (int i = 0; i < size; i++) {
                    FileResult r;
                    while ((r = results.poll(100, TimeUnit.MILLISECONDS)) == null) {
                        if (work.isDone()) {
                            work.get(); // rethrows the worker's failure, if any
                            r = results.poll();
                            if (r == null) throw new IllegalStateException("a batch of " + size + " files gave only " + i + " results");
                            break;
                        }
                    }
                    sink.accept(r);
                }
                work.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while classifying", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }
    }
}
