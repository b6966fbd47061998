package bg.nrm.service.transport;

import bg.nrm.service.http.Json;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.SecurityHeaders;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps slow and greedy clients from holding the server. Helidon 4.5 applies no read timeout to server connections:
 * a client that sends a request head promising a body and then stalls keeps its request slot for ever, and a few
 * hundred of them answer every other request, health included, with 503. This guard sits in front of Helidon's
 * HTTP/1.1 connection and
 * <ul>
 *     <li>refuses a connection (429 problem document) when its address (an IPv4 address, or an IPv6 /64) already holds
 *     {@link Limits#perAddress} connections;</li>
 *     <li>watches every read from the socket: once the first byte of a request has arrived, the whole request (head
 *     and body) must arrive within {@link Limits#requestRead}, and no single read may wait longer than
 *     {@link Limits#readStall}; a connection waiting between requests is closed after {@link Limits#idle}. A request
 *     that runs out of time is answered 408 and its connection closed, which frees its request slot.</li>
 * </ul>
 * Time spent by the service itself (hashing a password, streaming alerts) never counts: only time waiting for the
 * client. The {@link #filter()} marks where a request ends.
 */
public final class ConnectionGuard implements ServerConnectionSelector, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    private final ServerConnectionSelector http1;
    private final Limits limits;
    private final byte[] tooManyConnections;
    private final byte[] requestTimeout;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<SocketAddress, Watched> byPeer = new ConcurrentHashMap<>();
    private final Set<Watched> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * The limits.
     *
     * @param perAddress  connections one address (IPv4) or one IPv6 /64 may hold at once
     * @param requestRead time from the first byte of a request until its head and body have arrived
     * @param readStall   longest single wait for bytes inside a request
     * @param idle        longest wait for the next request on a kept-alive connection
     */
    public record Limits(int perAddress, Duration requestRead, Duration readStall, Duration idle) {
    }

    private ConnectionGuard(Limits limits, Http1Config http1Config, boolean tls) {
        this.limits = limits;
        this.http1 = new Http1ConnectionProvider().create("@default", http1Config, ProtocolConfigs.create(List.of()));
        this.tooManyConnections = rawProblem(429, "Too Many Requests", tls);
        this.requestTimeout = rawProblem(408, "Request Timeout", tls);
        long tick = Math.clamp(Math.min(limits.readStall().toMillis(), limits.requestRead().toMillis()) / 5, 50, 1000);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nrm-connection-guard");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A guard in front of an HTTP/1.1 connection configured by {@code http1Config}. */
    public static ConnectionGuard create(Limits limits, Http1Config http1Config, boolean tls) {
        return new ConnectionGuard(limits, http1Config, tls);
    }

    /** Connections closed because a client was too slow, since start. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Connections refused because their address held too many, since start. */
    public long refusedCount() {
        return refused.get();
    }

    /** A routing filter that tells the guard where each request ends; register it first. */
    public Filter filter() {
        return this::mark;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData request) {
        return http1.supports(request);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        String address = addressKey(ctx.remotePeer().address());
        Integer held = perAddress.merge(address, 1, Integer::sum);
        if (held > limits.perAddress()) {
            release(address);
            refused.incrementAndGet();
            return new Refusal(ctx, tooManyConnections);
        }
        Watched watched = new Watched(ctx, address);
        ServerConnection delegate;
        try {
            delegate = http1.connection(watched);
        } catch (RuntimeException e) {
            release(address);
            throw e;
        }
        active.add(watched);
        byPeer.put(watched.peer, watched);
        return new Guarded(delegate, watched);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private void mark(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Watched w = byPeer.get(req.remotePeer().address());
        if (w != null) {
            w.begin();
        }
        try {
            chain.proceed();
        } finally {
            if (w != null) {
                w.end();
            }
        }
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : active) {
            try {
                w.check(now);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "connection guard could not close a connection", e);
            }
        }
    }

    /** IPv4: the address; IPv6: its /64 prefix (one subscriber usually holds a whole /64). */
    static String addressKey(SocketAddress address) {
        if (address instanceof InetSocketAddress isa && isa.getAddress() != null) {
            InetAddress a = isa.getAddress();
            if (a instanceof Inet6Address) {
                byte[] b = a.getAddress();
                return HexFormat.of().formatHex(b, 0, 8) + "::/64";
            }
            return a.getHostAddress();
        }
        return String.valueOf(address);
    }

    private static byte[] rawProblem(int status, String reason, boolean tls) {
        byte[] body = Json.write(new Problem("about:blank", reason, status, DirectErrors.detail(status), null));
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Content-Type: application/problem+json\r\n")
                .append("Cache-Control: no-store\r\n")
                .append("Connection: close\r\n");
        if (status == 429) {
            head.append("Retry-After: 5\r\n");
        }
        SecurityHeaders.headers(tls).forEach(h -> head.append(h.name()).append(": ").append(h.get()).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** One connection being watched: a context for Helidon whose reader records how long each read waits. */
    private final class Watched implements ConnectionContext {
        private final ConnectionContext ctx;
        private final String address;
        private final SocketAddress peer;
        private final DataReader reader;
        private volatile long readingSince;     // 0 when no read is waiting
        private volatile long requestSince;     // 0 between requests
        private volatile boolean closed;

        private Watched(ConnectionContext ctx, String address) {
            this.ctx = ctx;
            this.address = address;
            this.peer = ctx.remotePeer().address();
            DataReader original = ctx.dataReader();
            // Helidon may already have buffered the first bytes to pick the protocol: hand them over first.
            byte[][] buffered = {original.available() > 0 ? original.readBytes(original.available()) : null};
            this.reader = DataReader.create(() -> {
                if (buffered[0] != null) {
                    byte[] first = buffered[0];
                    buffered[0] = null;
                    arrived();
                    return first;
                }
                return read();
            });
        }

        private byte[] read() {
            readingSince = System.nanoTime();
            try {
                byte[] bytes = ctx.serverSocket().get();
                if (bytes != null) {
                    arrived();
                }
                return bytes;
            } catch (UncheckedIOException e) {
                throw new ServerConnectionException("connection closed while reading", e);
            } finally {
                readingSince = 0;
            }
        }

        private void arrived() {
            if (requestSince == 0) {
                requestSince = System.nanoTime();
            }
        }

        private void begin() {
            arrived();
        }

        private void end() {
            requestSince = 0;
        }

        private void check(long now) {
            long reading = readingSince;
            if (reading == 0 || closed) {
                return;
            }
            long request = requestSince;
            if (request == 0) {
                if (now - reading > limits.idle().toNanos()) {
                    drop(false);
                }
            } else if (now - reading > limits.readStall().toNanos() || now - request > limits.requestRead().toNanos()) {
                drop(true);
            }
        }

        private void drop(boolean answer) {
            closed = true;
            dropped.incrementAndGet();
            LOG.fine(() -> "closed a connection that sent too slowly");
            if (answer) {
                try {
                    ctx.dataWriter().writeNow(BufferData.create(requestTimeout));
                } catch (RuntimeException e) {
                    // the client is gone already
                }
            }
            ctx.serverSocket().close();
        }

        private void finish() {
            closed = true;
            release(address);
            active.remove(this);
            byPeer.remove(peer, this);
        }

        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }

    /** Helidon's connection, with the guard's bookkeeping released when it ends. */
    private static final class Guarded implements ServerConnection {
        private final ServerConnection delegate;
        private final Watched watched;

        private Guarded(ServerConnection delegate, Watched watched) {
            this.delegate = delegate;
            this.watched = watched;
        }

        @Override
        public void handle(io.helidon.common.concurrency.limits.Limit limit) throws InterruptedException {
            try {
                delegate.handle(limit);
            } finally {
                watched.finish();
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }
    }

    /** A connection over its address's limit: one problem document, then closed. */
    private static final class Refusal implements ServerConnection {
        private final ConnectionContext ctx;
        private final byte[] answer;

        private Refusal(ConnectionContext ctx, byte[] answer) {
            this.ctx = ctx;
            this.answer = answer;
        }

        @Override
        public void handle(io.helidon.common.concurrency.limits.Limit limit) {
            try {
                ctx.dataWriter().writeNow(BufferData.create(answer));
            } catch (RuntimeException e) {
                // the client is gone already
            }
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            ctx.serverSocket().close();
        }
    }
}
