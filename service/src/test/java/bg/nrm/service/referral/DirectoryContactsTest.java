package bg.nrm.service.referral;

import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Organisations' contacts: set by an administrator, checked by field, and obviously fictional in the demo. */
class DirectoryContactsTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void administratorSetsAndClearsContactsAndOtherFieldsStay() {
        String admin = api.token("admin");
        Api.Response r = api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                "{\"email\": \"duty@crisis.example.bg\", \"dutyPhone\": \"+359 32 123 456\", "
                        + "\"outOfHoursPhone\": \"\", \"address\": \"ул. „Тестова“ 5, Пловдив\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode o = api.get("/api/v1/organisations/cc-children-plovdiv", admin).json().get("organisation");
        assertThat(o.get("contacts").get("email").asText()).isEqualTo("duty@crisis.example.bg");
        assertThat(o.get("contacts").get("dutyPhone").asText()).isEqualTo("+359 32 123 456");
        assertThat(o.get("contacts").has("outOfHoursPhone")).isFalse();
        assertThat(o.get("contacts").get("address").asText()).isEqualTo("ул. „Тестова“ 5, Пловдив");
        assertThat(o.get("freePlaces").asInt()).isEqualTo(3);
    }

    @Test
    void malformedContactsAreRefusedByFieldWithoutEchoingThem() {
        Api.Response r = api.put("/api/v1/organisations/cc-children-plovdiv", api.token("admin"), "application/json",
                "{\"email\": \"duty@crisis\\r\\nBcc: someone@example.bg\", \"dutyPhone\": \"call Maria\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "dutyPhone");
        assertThat(r.body()).doesNotContain("Maria").doesNotContain("someone@");
    }

    @Test
    void demoContactsAreObviouslyFictionalAndThePoliceContactIsTheAntiTraffickingUnit() {
        String admin = api.token("admin");
        for (JsonNode view : api.get("/api/v1/organisations", admin).json()) {
            JsonNode c = view.get("organisation").get("contacts");
            assertThat(c.get("email").asText()).endsWith(".invalid");
            assertThat(c.get("dutyPhone").asText()).endsWith("(демо)");
            assertThat(c.get("address").asText()).contains("демо");
        }
        JsonNode police = api.get("/api/v1/organisations/police-national", admin).json().get("organisation");
        assertThat(police.get("name").asText()).startsWith("ГДБОП").doesNotContain("ГДНП");
    }

    @Test
    void nobodyButAnAdministratorChangesContacts() {
        Api.Response r = api.put("/api/v1/organisations/cc-children-plovdiv", api.token("crisis.plovdiv"),
                "application/json", "{\"email\": \"x@example.bg\"}");
        assertThat(r.status()).isEqualTo(403);
    }
}
