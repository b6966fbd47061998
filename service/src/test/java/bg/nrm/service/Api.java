package bg.nrm.service;

import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for tests: real requests to the service on loopback. */
public final class Api {
    private final String base;
    private final HttpClient http;

    public Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A client whose requests come from {@code localAddress}, for example 127.0.0.2 (all of 127.0.0.0/8 is loopback
     * on Linux): lets a test play callers at different source addresses.
     */
    public Api(String base, String localAddress) {
        this.base = base;
        try {
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(java.net.InetAddress.getByName(localAddress)).build();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The same service, called from {@code localAddress}. */
    public Api from(String localAddress) {
        return new Api(base, localAddress);
    }

    public String base() {
        return base;
    }

    /** A response: status, body text, and the content type. */
    public record Response(int status, String body, String contentType, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public String token(String username) {
        return token(username, TestService.PASSWORD);
    }

    public String token(String username, String password) {
        Response r = post("/api/v1/auth/token", null, Json.writeString(Map.of("username", username, "password", password)));
        if (r.status() != 200) {
            throw new AssertionError("sign-in failed for " + username + ": " + r.status() + " " + r.body());
        }
        return r.json().get("access_token").asText();
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET().build());
    }

    public Response get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path, token).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public Response post(String path, String token, String json) {
        return post(path, token, json, Map.of());
    }

    public Response post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build());
    }

    public Response put(String path, String token, String contentType, String body) {
        return send(builder(path, token).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public Response delete(String path, String token) {
        return send(builder(path, token).DELETE().build());
    }

    /** A POST without a body. */
    public Response post(String path, String token) {
        return send(builder(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpClient client() {
        return http;
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }
}
