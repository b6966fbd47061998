package bg.nrm.service.referral.document;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The JSON part of a referral document, version 2 (schema {@code referral-document-v2.schema.json}). Absent
 * values are left out, never sent as null: what an anonymised or minimum-data document may not carry is simply not
 * there, and {@link #carries} says so in words.
 *
 * @param schemaVersion always 2
 * @param kind          {@code identified}, {@code anonymised} or {@code minimum-data}
 * @param carries       what this kind of document carries and leaves out
 * @param notice        the service raises a risk flag for referral, never an identification
 * @param asked         what is asked of this recipient
 * @param answers       every answer given, by indicator code (identified documents only)
 * @param otherObservations the answers of yes that are part of no finding, with their questions (identified only)
 * @param notes         the screener's free text in pieces of at most 200 characters; concatenated, they give it back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentV2(int schemaVersion,
                         String referralId,
                         String screeningId,
                         String kind,
                         Bilingual carries,
                         Bilingual notice,
                         Time createdAt,
                         Time dueBy,
                         Bilingual asked,
                         From from,
                         Party to,
                         Person person,
                         Assessment assessment,
                         Map<String, String> answers,
                         List<Indicator> otherObservations,
                         List<String> notes) {

    public static final int SCHEMA_VERSION = 2;

    /** One instant, in UTC and in Bulgarian local time, to the second. */
    public record Time(String utc, String local, String timeZone) {
    }

    /** An organisation: its id, name, type, and how to reach it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String id, String name, String type, Bilingual typeName, String address, String dutyPhone,
                        String outOfHoursPhone, String email) {
    }

    /** Who referred: the organisation and the screener who filled in the questionnaire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record From(Party organisation, Screener screener) {
    }

    /** The screener: name and phone as on their account. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Screener(String name, String phone) {
    }

    /** The person, as much as the kind of document may carry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String region, Bilingual regionName, String ageBand, Integer ageYears, Boolean ageUncertain,
                         String gender, String citizenship, String ref, Identity identity) {
    }

    /** Identifying details: identified and minimum-data documents only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(String name, String dateOfBirth, String location, String contact) {
    }

    /** The assessment, in words: level, findings with the questions answered yes, forms, advice, notices. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assessment(String level, Bilingual levelName, List<Finding> findings,
                             List<Form> exploitationForms, List<Bilingual> recommendations, List<Notice> notices,
                             Questionnaire questionnaire, String rulesetVersion) {
    }

    /** One finding: its code and title, the rule behind it, and each indicator with its question. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String code, Bilingual title, String rule, List<Indicator> indicators) {
    }

    /** An indicator: its code, the answer given, and the question as the screener read it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(String code, String answer, Bilingual question) {
    }

    /** A suspected form of exploitation. */
    public record Form(String code, Bilingual name) {
    }

    /** A notice every reader must see (do not inform the family, non-punishment, rights of an adult…). */
    public record Notice(String code, Bilingual text) {
    }

    /** The questionnaire that was answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Questionnaire(String id, int version, Bilingual title) {
    }
}
