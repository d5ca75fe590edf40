package sep.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 serving one file, with switchable misbehaviour; records each request's Range. */
final class TestHttpServer implements AutoCloseable {
    /** How to answer request number {@code n} (0-based). */
    interface Behaviour {
        void answer(HttpExchange exchange, byte[] body, int n) throws IOException;
    }

    static final String NO_RANGE = "(no Range)";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    private volatile byte[] body;
    private volatile Behaviour behaviour = TestHttpServer::serveWithRanges;

    TestHttpServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/download.zip", exchange -> {
            int n;
            synchronized (ranges) {
                n = ranges.size();
                ranges.add(exchange.getRequestHeaders().getFirst("Range") == null ? NO_RANGE
                        : exchange.getRequestHeaders().getFirst("Range"));
            }
            try {
                behaviour.answer(exchange, this.body, n);
            } finally {
                exchange.close();
            }
        });
        // Several handler threads, so a stalled answer does not block the next request.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/download.zip");
    }

    void body(byte[] body) {
        this.body = body;
    }

    void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** The Range header of every request so far ({@link #NO_RANGE} when there was none). */
    List<String> ranges() {
        synchronized (ranges) {
            return List.copyOf(ranges);
        }
    }

    /** Like a well-behaved server: 206 with Content-Range for {@code bytes=N-}, else 200. */
    static void serveWithRanges(HttpExchange exchange, byte[] body, int n) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            int from = Integer.parseInt(m.group(1));
            if (from >= body.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
            return;
        }
        serveWhole(exchange, body, n);
    }

    /** Like a server without range support: always 200 and the whole file. */
    static void serveWhole(HttpExchange exchange, byte[] body, int n) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Announces the whole file, sends only {@code bytes} of it and drops the connection (HttpServer closes
     * the connection when a handler throws).
     */
    static void dropAfter(HttpExchange exchange, byte[] body, int bytes) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, bytes);
        out.flush();
        try {
            Thread.sleep(100);   // let the client take the bytes in flight before the connection goes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("test server: dropping the connection after " + bytes + " bytes");
    }

    static void status(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
