package bg.nrm.service.security;

import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import bg.nrm.service.http.SecurityHeaders;
import bg.nrm.service.transport.ServerTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on by configuration ({@code nrm.tls.*}), with real certificates made by the JDK's {@code keytool} and a real
 * handshake on loopback: HTTPS answers with HSTS, plain HTTP to the TLS port gets nothing, mutual TLS refuses a client
 * without an accepted certificate at the handshake, and the observe endpoints can move to a separate socket bound to
 * 127.0.0.1 only.
 */
class TlsTest {
    private static final String PASSWORD = "tls-test-password";

    @TempDir
    static Path certs;
    static Path serverKeystore;
    static Path trustedClients;   // the server's truststore: the machine client's certificate
    static Path serverTrust;      // the clients' truststore: the server's certificate
    static Path machineClient;
    static Path stranger;         // a client certificate the server does not trust

    @TempDir
    Path dataDir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverKeystore = certs.resolve("server.p12");
        keyPair(serverKeystore, "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
        serverTrust = certs.resolve("server-trust.p12");
        trust(serverKeystore, "server", serverTrust);

        machineClient = certs.resolve("machine-client.p12");
        keyPair(machineClient, "client", "CN=machine-client", null);
        trustedClients = certs.resolve("trusted-clients.p12");
        trust(machineClient, "client", trustedClients);

        stranger = certs.resolve("stranger.p12");
        keyPair(stranger, "client", "CN=stranger", null);
    }

    @Test
    void httpsHealthAnswers200WithHstsOverTls13Or12AndTheSessionCookieIsSecure() throws Exception {
        try (TestService service = start(Map.of())) {
            HttpResponse<String> health = client(Optional.empty())
                    .send(get("https://127.0.0.1:" + service.server.port() + "/observe/health"),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health: UP").isIn(200, 204);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.HSTS);
            assertThat(health.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(service.app.settings().secureCookies()).as("session cookie Secure over TLS").isTrue();
        }
    }

    @Test
    void aClientLimitedToTls12IsServedAndTheListenerOffersNothingOlder() throws Exception {
        try (TestService service = start(Map.of())) {
            SSLParameters only12 = new SSLParameters();
            only12.setProtocols(new String[] {"TLSv1.2"});
            HttpClient client = HttpClient.newBuilder().sslContext(context(Optional.empty())).sslParameters(only12)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = client.send(
                    get("https://127.0.0.1:" + service.server.port() + "/observe/health"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health: UP").isIn(200, 204);
            assertThat(health.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        }
        assertThat(ServerTls.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
        try (TestService service = start(Map.of())) {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(get("http://127.0.0.1:" + service.server.port() + "/observe/health"),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
            // Byte for byte: whatever comes back is not an HTTP answer.
            try (Socket s = new Socket("127.0.0.1", service.server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /observe/health HTTP/1.1\r\nHost: a\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = readSome(s.getInputStream());
                assertThat(answer).doesNotContain("HTTP/1.1 200").doesNotContain("status");
            }
        }
    }

    @Test
    void withClientAuthRequiredOnlyATrustedCertificateGetsThrough() throws Exception {
        try (TestService service = start(Map.of("nrm.tls.truststore", trustedClients.toString(),
                "nrm.tls.truststore-password", PASSWORD, "nrm.tls.client-auth", "REQUIRED"))) {
            HttpRequest health = get("https://127.0.0.1:" + service.server.port() + "/observe/health");
            assertThatThrownBy(() -> client(Optional.empty()).send(health, HttpResponse.BodyHandlers.ofString()))
                    .as("no client certificate").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client(Optional.of(stranger)).send(health, HttpResponse.BodyHandlers.ofString()))
                    .as("a certificate the server does not trust").isInstanceOf(IOException.class);
            HttpResponse<String> trusted = client(Optional.of(machineClient)).send(health,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(trusted.statusCode()).as("health: UP").isIn(200, 204);
            assertThat(trusted.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.HSTS);
        }
    }

    @Test
    void withClientAuthOptionalClientsWithoutATrustedCertificateAreServed() throws Exception {
        try (TestService service = start(Map.of("nrm.tls.truststore", trustedClients.toString(),
                "nrm.tls.truststore-password", PASSWORD, "nrm.tls.client-auth", "OPTIONAL"))) {
            HttpRequest health = get("https://127.0.0.1:" + service.server.port() + "/observe/health");
            assertThat(client(Optional.empty()).send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isIn(200, 204);
            assertThat(client(Optional.of(machineClient)).send(health, HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isIn(200, 204);
            // The JDK ignores an untrusted certificate when it is only requested: the client counts as having none
            // (no route grants anything for a certificate; a token is needed either way).
            assertThat(client(Optional.of(stranger)).send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isIn(200, 204);
        }
    }

    @Test
    void settingsThatWouldSilentlyDoNothingAreRefusedAtStart() {
        assertThatThrownBy(() -> TestService.start(dataDir, new MutableClock(),
                Map.of("nrm.tls.client-auth", "REQUIRED"))).hasMessageContaining("nrm.tls.keystore");
        assertThatThrownBy(() -> start(Map.of("nrm.tls.client-auth", "REQUIRED")))
                .hasMessageContaining("nrm.tls.truststore");
        assertThatThrownBy(() -> start(Map.of("nrm.tls.client-auth", "SOMETIMES")))
                .hasMessageContaining("NONE, OPTIONAL or REQUIRED");
        assertThatThrownBy(() -> TestService.start(dataDir, new MutableClock(),
                Map.of("nrm.tls.keystore", serverKeystore.toString()))).hasMessageContaining("keystore-password");
    }

    @Test
    void theAdminPortServesHealthAndMetricsOnLoopbackOnlyAndTheMainPortNoLonger() throws Exception {
        try (TestService service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.admin.port", "0"))) {
            int admin = service.server.port("admin");
            assertThat(admin).isPositive().isNotEqualTo(service.server.port());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> health = plain.send(get("http://127.0.0.1:" + admin + "/observe/health"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health: UP").isIn(200, 204);
            HttpResponse<String> metrics = plain.send(get("http://127.0.0.1:" + admin + "/observe/metrics"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE");
            assertThat(health.headers().firstValue("Content-Security-Policy"))
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);

            // The public port no longer answers them, not even to an administrator.
            assertThat(service.api.get("/observe/health", null).status()).isEqualTo(404);
            assertThat(service.api.get("/observe/metrics", service.api.token("admin")).status()).isEqualTo(404);
            // ...while the API is still there.
            assertThat(service.api.get("/api/v1/service-key", null).status()).isEqualTo(200);

            // Bound to 127.0.0.1 itself, not to every address: another loopback address finds nothing listening.
            assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.2"), admin).close())
                    .isInstanceOf(ConnectException.class);
            assertThatCode(() -> new Socket(InetAddress.getByName("127.0.0.1"), admin,
                    InetAddress.getByName("127.0.0.2"), 0).close()).as("from another local address, to 127.0.0.1")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void withoutTheAdminPortHealthStaysOnTheMainPort() {
        try (TestService service = TestService.start(dataDir, new MutableClock(), Map.of())) {
            assertThat(service.api.get("/observe/health", null).status()).isIn(200, 204);
            assertThat(service.api.get("/observe/metrics", service.api.token("admin")).status()).isEqualTo(200);
        }
    }

    private TestService start(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of("nrm.tls.keystore", serverKeystore.toString(),
                "nrm.tls.keystore-password", PASSWORD));
        values.putAll(more);
        return TestService.start(dataDir, new MutableClock(), values);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    /** A client that trusts the test server's certificate and, when given, presents {@code keys}. */
    private static HttpClient client(Optional<Path> keys) throws Exception {
        return HttpClient.newBuilder().sslContext(context(keys)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext context(Optional<Path> keys) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(serverTrust));
        KeyManagerFactory kmf = null;
        if (keys.isPresent()) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keys.get()), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String readSome(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // reset by the server: no answer either
        }
    }

    private static void keyPair(Path keystore, String alias, String name, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", name, "-validity", "2", "-keystore", keystore.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
    }

    /** Exports {@code alias}'s certificate from {@code keystore} and adds it to the truststore {@code into}. */
    private static void trust(Path keystore, String alias, Path into) throws Exception {
        Path pem = Files.createTempFile(certs, alias, ".pem");
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass",
                PASSWORD, "-file", pem.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-keystore",
                into.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
    }

    private static void keytool(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool " + args.get(0) + ": " + out).isZero();
    }
}
