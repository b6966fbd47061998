package bg.nrm.service.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Flow;

/**
 * The load generator's HTTP/1.1 client: kept-alive sockets to one loopback server, requests written as bytes,
 * answers read by their {@code Content-Length} (or chunks). It does a small fraction of the work of
 * {@link java.net.http.HttpClient} per request, which matters when the generator shares the machine's two cores
 * with the service it measures: the JDK client spent about 0.3 ms of CPU per request, more than the service's
 * trivial route. Only what the benchmark needs: no TLS, no redirects, no compression.
 */
final class LoopbackHttp {
    /** An answer: the status and the body as text. */
    record Response(int status, String body) {
    }

    // Idle kept-alive connections by server (host:port): the benchmark runs one server after another.
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();

    /** Sends {@code request} on an idle connection (or a new one) and reads the whole answer. */
    Response send(HttpRequest request) throws IOException {
        byte[] bytes = serialise(request);
        ConcurrentLinkedDeque<Connection> pool = idle.computeIfAbsent(request.uri().getRawAuthority(),
                k -> new ConcurrentLinkedDeque<>());
        Connection c = pool.pollFirst();
        if (c != null) {
            try {
                Response r = c.exchange(bytes);
                release(pool, c);
                return r;
            } catch (IOException e) {
                // The server closed a kept-alive connection: retry once on a new one.
                c.close();
            }
        }
        c = new Connection(request.uri());
        Response r = c.exchange(bytes);
        release(pool, c);
        return r;
    }

    private static void release(ConcurrentLinkedDeque<Connection> pool, Connection c) {
        if (c.keepAlive) {
            pool.addFirst(c);
        } else {
            c.close();
        }
    }

    /** Closes every idle connection. */
    void close() {
        for (ConcurrentLinkedDeque<Connection> pool : idle.values()) {
            Connection c;
            while ((c = pool.pollFirst()) != null) {
                c.close();
            }
        }
    }

    private static byte[] serialise(HttpRequest request) {
        URI uri = request.uri();
        byte[] body = body(request);
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (body.length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    // The body publisher's bytes (the benchmark's publishers hold them already, so this completes at once).
    private static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toByteArray();
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        // The connection's own read buffer: headers are found by scanning bytes, not read a byte at a time.
        private final byte[] buf = new byte[16384];
        private int pos;
        private int limit;
        private boolean keepAlive = true;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(120_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String header;
            while ((header = line()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                long size;
                while ((size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
                    b.writeBytes(bytes((int) size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers: none expected
                }
                body = b.toByteArray();
            } else if (length >= 0) {
                body = bytes((int) length);
            } else {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(buf, pos, limit - pos);
                pos = limit;
                b.writeBytes(in.readAllBytes());
                body = b.toByteArray();
                keepAlive = false;
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8));
        }

        private boolean fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                throw new IOException("header line longer than " + buf.length + " bytes");
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n <= 0) {
                return false;
            }
            limit += n;
            return true;
        }

        private String line() throws IOException {
            int from = pos;
            while (true) {
                for (int i = from; i < limit; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                        pos = i + 1;
                        return line;
                    }
                }
                from = limit - pos;
                if (!fill()) {
                    return null;
                }
                from = from + pos;
            }
        }

        private byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            int have = Math.min(n, limit - pos);
            System.arraycopy(buf, pos, b, 0, have);
            pos += have;
            int got = have;
            while (got < n) {
                int r = in.read(b, got, n - got);
                if (r <= 0) {
                    throw new IOException("connection closed in a body");
                }
                got += r;
            }
            return b;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
