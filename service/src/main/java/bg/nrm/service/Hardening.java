package bg.nrm.service;

import io.helidon.config.Config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The settings that bound what one client can hold and how the service is reached (see SECURITY.md): connection and
 * read limits, request rates, and TLS. Read like every other setting (system property, environment, then
 * {@code application.yaml}).
 *
 * @param connectionsPerAddress  connections one IPv4 address or IPv6 /64 may hold at once
 * @param requestReadTimeout     a request's head and body must arrive within this, from its first byte
 * @param readStallTimeout       longest wait for the next bytes of a request
 * @param idleTimeout            a kept-alive connection with no request is closed after this
 * @param maxConcurrentRequests  requests served at once on the listener
 * @param addressRequestsPerMinute requests per client address (bursts of a fifth; 429 above)
 * @param alertStreamsPerAccount live-alert streams one account may hold at once
 * @param screeningsInProgress   API screenings being assessed, sealed or committed at once; one more is refused at
 *                               once with 503 and {@code Retry-After}, before any work, so that the queue (and the
 *                               wait of those admitted) stays short when more arrive than the service can store
 * @param tlsKeystore            a PKCS#12 file with the server's key and certificate: TLS is on when set
 * @param tlsKeystorePassword    its password
 * @param tlsTruststore          a PKCS#12 file of the CAs whose client certificates are accepted (mutual TLS)
 * @param tlsTruststorePassword  its password (default: the keystore's)
 * @param tlsClientAuth          NONE, OPTIONAL or REQUIRED client certificates
 * @param adminPort              when set, health and metrics move to this port on 127.0.0.1 only (0: any free port)
 * @param auditCheckpointInterval how often the audit head is signed and written outside the database
 * @param serverTls              whether Helidon's {@code server.tls} section is configured
 */
public record Hardening(int connectionsPerAddress,
                        Duration requestReadTimeout,
                        Duration readStallTimeout,
                        Duration idleTimeout,
                        int maxConcurrentRequests,
                        int addressRequestsPerMinute,
                        int alertStreamsPerAccount,
                        int screeningsInProgress,
                        Optional<Path> tlsKeystore,
                        Optional<String> tlsKeystorePassword,
                        Optional<Path> tlsTruststore,
                        Optional<String> tlsTruststorePassword,
                        String tlsClientAuth,
                        Optional<Integer> adminPort,
                        Duration auditCheckpointInterval,
                        boolean serverTls) {

    static Hardening from(Config config, BiFunction<String, String, Optional<String>> value) {
        return new Hardening(
                Integer.parseInt(value.apply("nrm.limits.connections-per-address", "NRM_CONNECTIONS_PER_ADDRESS")
                        .orElse("32")),
                Duration.parse(value.apply("nrm.limits.request-read-timeout", "NRM_REQUEST_READ_TIMEOUT").orElse("PT30S")),
                Duration.parse(value.apply("nrm.limits.read-stall-timeout", "NRM_READ_STALL_TIMEOUT").orElse("PT10S")),
                Duration.parse(value.apply("nrm.limits.idle-timeout", "NRM_IDLE_TIMEOUT").orElse("PT1M")),
                Integer.parseInt(value.apply("server.max-concurrent-requests", "SERVER_MAX_CONCURRENT_REQUESTS")
                        .orElse("1000")),
                Integer.parseInt(value.apply("nrm.limits.address-requests-per-minute", "NRM_ADDRESS_REQUESTS_PER_MINUTE")
                        .orElse("6000")),
                Integer.parseInt(value.apply("nrm.limits.alert-streams-per-account", "NRM_ALERT_STREAMS_PER_ACCOUNT")
                        .orElse("3")),
                Math.max(1, Integer.parseInt(value.apply("nrm.limits.screenings-in-progress",
                        "NRM_SCREENINGS_IN_PROGRESS").orElse("256"))),
                value.apply("nrm.tls.keystore", "NRM_TLS_KEYSTORE").filter(s -> !s.isBlank()).map(Path::of),
                value.apply("nrm.tls.keystore-password", "NRM_TLS_KEYSTORE_PASSWORD").filter(s -> !s.isBlank()),
                value.apply("nrm.tls.truststore", "NRM_TLS_TRUSTSTORE").filter(s -> !s.isBlank()).map(Path::of),
                value.apply("nrm.tls.truststore-password", "NRM_TLS_TRUSTSTORE_PASSWORD").filter(s -> !s.isBlank()),
                value.apply("nrm.tls.client-auth", "NRM_TLS_CLIENT_AUTH").orElse("NONE").toUpperCase(java.util.Locale.ROOT),
                value.apply("nrm.admin.port", "NRM_ADMIN_PORT").filter(s -> !s.isBlank()).map(Integer::parseInt),
                Duration.parse(value.apply("nrm.audit.checkpoint-interval", "NRM_AUDIT_CHECKPOINT_INTERVAL")
                        .orElse("PT10S")),
                config.get("server.tls").exists());
    }

    /** The client-certificate modes {@code nrm.tls.client-auth} accepts. */
    public static final java.util.Set<String> CLIENT_AUTH = java.util.Set.of("NONE", "OPTIONAL", "REQUIRED");

    /**
     * Refuses settings that contradict each other or would silently do nothing: an operator must never believe a
     * listener is protected when it is not. Called once at start.
     */
    public void check() {
        if (!CLIENT_AUTH.contains(tlsClientAuth)) {
            throw new IllegalArgumentException("nrm.tls.client-auth must be NONE, OPTIONAL or REQUIRED");
        }
        if (tlsKeystore.isEmpty() && (tlsTruststore.isPresent() || !"NONE".equals(tlsClientAuth))) {
            throw new IllegalArgumentException("nrm.tls.truststore and nrm.tls.client-auth need nrm.tls.keystore");
        }
        if (tlsKeystore.isPresent() && serverTls) {
            throw new IllegalArgumentException("TLS is configured twice: use nrm.tls.keystore or server.tls, not both");
        }
        if (tlsKeystore.isPresent() && tlsKeystorePassword.isEmpty()) {
            throw new IllegalArgumentException("nrm.tls.keystore needs nrm.tls.keystore-password");
        }
        if (tlsTruststore.isPresent() != !"NONE".equals(tlsClientAuth)) {
            throw new IllegalArgumentException("mutual TLS needs both nrm.tls.truststore and nrm.tls.client-auth"
                    + " (OPTIONAL or REQUIRED)");
        }
        for (Optional<Path> file : List.of(tlsKeystore, tlsTruststore)) {
            if (file.isPresent() && !Files.isReadable(file.get())) {
                throw new IllegalArgumentException("cannot read " + file.get());
            }
        }
        if (adminPort.isPresent() && (adminPort.get() < 0 || adminPort.get() > 65_535)) {
            throw new IllegalArgumentException("nrm.admin.port must be a port number");
        }
    }

    /** True when the listener speaks TLS (Helidon's {@code server.tls} section, or {@code nrm.tls.keystore}). */
    public boolean tls() {
        return serverTls || tlsKeystore.isPresent();
    }
}
