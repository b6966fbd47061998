package bg.nrm.service;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real recipient endpoint on loopback: answers each POST with the next status of a script (then 204), and keeps
 * what it received so tests can check the referral id, the attempt and the armored body.
 */
public final class Webhook implements AutoCloseable {
    private final HttpServer server;
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request as received. */
    public record Received(String referralId, String attempt, String contentType, String body, int answered,
                           Map<String, String> webhookHeaders) {
    }

    public Webhook(Integer... statuses) throws IOException {
        script.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Integer next = script.poll();
                int status = next == null ? 204 : next;
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-NRM-Referral-Id"),
                        exchange.getRequestHeaders().getFirst("X-NRM-Delivery-Attempt"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, status, standardWebhookHeaders(exchange)));
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    // The Standard Webhooks headers, as the receiver got them (absent ones left out).
    private static Map<String, String> standardWebhookHeaders(com.sun.net.httpserver.HttpExchange exchange) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/nrm/referrals";
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
