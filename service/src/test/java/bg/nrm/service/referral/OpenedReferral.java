package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.OpenedEnvelope;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * A referral's plaintext as a recipient's software reads it: the MIME entity parsed by Jakarta Mail (an independent
 * MIME parser), its text part, its JSON part, and the JSON checked against the published schema.
 */
public record OpenedReferral(byte[] raw, MimeMessage entity, BodyPart textPart, BodyPart jsonPart, String text,
                             JsonNode json) {

    /** Parses the plaintext of an envelope. */
    public static OpenedReferral parse(byte[] plaintext) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(plaintext));
            MimeMultipart parts = (MimeMultipart) m.getContent();
            BodyPart text = parts.getBodyPart(0);
            BodyPart json = parts.getBodyPart(1);
            byte[] jsonBytes;
            try (InputStream in = json.getInputStream()) {
                jsonBytes = in.readAllBytes();
            }
            return new OpenedReferral(plaintext, m, text, json, (String) text.getContent(),
                    Json.mapper().readTree(jsonBytes));
        } catch (MessagingException e) {
            throw new AssertionError("not a MIME entity", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an envelope with an organisation's demo key in {@code keysDir}, checking the service signature. */
    public static OpenedReferral open(String envelope, Path keysDir, String organisationId, String serviceCertificate) {
        try {
            OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope,
                    Files.readString(keysDir.resolve(organisationId + ".secret.asc")), null, List.of(serviceCertificate));
            if (!opened.signatureVerified()) {
                throw new AssertionError("service signature did not verify");
            }
            return parse(opened.plaintext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every run of white space made one space (the text is word-wrapped at 76 columns). */
    public String flatText() {
        return text.replaceAll("\\s+", " ");
    }

    /** Schema violations of the JSON part; empty when it is valid. */
    public Set<ValidationMessage> schemaViolations() {
        return schemaViolations(json);
    }

    /** Schema violations of any JSON document against the published referral-document-v2 schema. */
    public static Set<ValidationMessage> schemaViolations(JsonNode document) {
        try (InputStream in = OpenedReferral.class.getResourceAsStream(
                "/bg/nrm/service/referral/document/referral-document-v2.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
