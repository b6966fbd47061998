package bg.nrm.service;

import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param tlsKeystore            a PKCS#12 file with the server's key and certificate: TLS is on when set
 * @param tlsKeystorePassword    its password
 * @param tlsTruststore          a PKCS#12 file of the CAs whose client certificates are accepted (mutual TLS)
 * @param tlsClientAuth          NONE, OPTIONAL or REQUIRED client certificates
 * @param adminPort              when set, health and metrics move to this port on 127.0.0.1 only
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
                        Optional<Path> tlsKeystore,
                        Optional<String> tlsKeystorePassword,
                        Optional<Path> tlsTruststore,
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
                        .orElse("200")),
                Integer.parseInt(value.apply("nrm.limits.address-requests-per-minute", "NRM_ADDRESS_REQUESTS_PER_MINUTE")
                        .orElse("6000")),
                Integer.parseInt(value.apply("nrm.limits.alert-streams-per-account", "NRM_ALERT_STREAMS_PER_ACCOUNT")
                        .orElse("3")),
                value.apply("nrm.tls.keystore", "NRM_TLS_KEYSTORE").filter(s -> !s.isBlank()).map(Path::of),
                value.apply("nrm.tls.keystore-password", "NRM_TLS_KEYSTORE_PASSWORD").filter(s -> !s.isBlank()),
                value.apply("nrm.tls.truststore", "NRM_TLS_TRUSTSTORE").filter(s -> !s.isBlank()).map(Path::of),
                value.apply("nrm.tls.client-auth", "NRM_TLS_CLIENT_AUTH").orElse("NONE").toUpperCase(java.util.Locale.ROOT),
                value.apply("nrm.admin.port", "NRM_ADMIN_PORT").filter(s -> !s.isBlank()).map(Integer::parseInt),
                Duration.parse(value.apply("nrm.audit.checkpoint-interval", "NRM_AUDIT_CHECKPOINT_INTERVAL")
                        .orElse("PT10S")),
                config.get("server.tls").exists());
    }

    /**
     * Refuses the settings that are reserved but not built yet (TLS from a keystore setting, mutual TLS, a separate
     * admin port): a setting that silently did nothing would leave an operator believing the listener is protected.
     * TLS is configured with Helidon's own {@code server.tls} section.
     */
    public void refuseUnbuilt() {
        if (tlsKeystore.isPresent() || tlsTruststore.isPresent() || adminPort.isPresent()
                || !"NONE".equals(tlsClientAuth)) {
            throw new IllegalArgumentException("nrm.tls.* and nrm.admin.port are not supported yet: configure TLS"
                    + " with Helidon's server.tls section (see SECURITY.md)");
        }
    }

    /** True when the listener speaks TLS (Helidon's {@code server.tls} section, or {@code nrm.tls.keystore}). */
    public boolean tls() {
        return serverTls || tlsKeystore.isPresent();
    }
}
