package bg.nrm.service.web;

import bg.nrm.service.auth.Principal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What every template needs besides its own data: the language and its texts, the signed-in user (null on the
 * sign-in page), the session's CSRF token for forms, the current path (for navigation and the language switch), and
 * the addresses of the assets.
 */
public record Page(Lang lang, Messages messages, Principal user, String csrf, String path, Assets assets) {
    /** Bulgaria's time zone: deadlines and times are shown as the duty officer's clock shows them. */
    public static final ZoneId SOFIA = ZoneId.of("Europe/Sofia");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    /** One entry of the navigation: where it leads, its text, and whether it is the current area. */
    public record NavItem(String href, String label, boolean current) {
    }

    /** The text for {@code key} in the page's language. */
    public String t(String key, Object... args) {
        return messages.text(lang, key, args);
    }

    /** Whether a text exists for {@code key} (for optional explanations). */
    public boolean has(String key) {
        return messages.has(lang, key);
    }

    /** Element ids for {@code aria-describedby}: the non-null ones, space-separated; null (no attribute) if none. */
    public String ids(String... ids) {
        String joined = java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    /** The GOV.UK tag colour of a risk level (colour goes with the level's words, never alone). */
    public String levelTag(String level) {
        return switch (level == null ? "" : level) {
            case "LOW" -> "govuk-tag--green";
            case "MEDIUM" -> "govuk-tag--yellow";
            case "HIGH" -> "govuk-tag--red";
            case "IMMEDIATE" -> "govuk-tag--purple";
            default -> "govuk-tag--grey";
        };
    }

    /** The GOV.UK tag colour of a referral state. */
    public String stateTag(String state) {
        return switch (state == null ? "" : state) {
            case "PENDING" -> "govuk-tag--blue";
            case "DELIVERED" -> "govuk-tag--light-blue";
            case "ACKNOWLEDGED" -> "govuk-tag--turquoise";
            case "ACCEPTED" -> "govuk-tag--green";
            case "DECLINED" -> "govuk-tag--orange";
            case "ESCALATED" -> "govuk-tag--pink";
            case "FAILED" -> "govuk-tag--red";
            default -> "govuk-tag--grey";
        };
    }

    public String asset(String name) {
        return assets.url(name);
    }

    public boolean signedIn() {
        return user != null;
    }

    /** A time as shown on pages: day.month.year hours:minutes, Sofia time. */
    public String time(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(SOFIA));
    }

    /** A time as a machine-readable {@code datetime} attribute value. */
    public String isoTime(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** The address of the language switch: sets the other language and comes back to this page. */
    public String switchLanguageHref() {
        return "/language/" + lang.other().code() + "?back=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /** The areas the signed-in user's role may use, in the order they are shown; the longest match is current. */
    public List<NavItem> nav() {
        List<String[]> areas = new ArrayList<>();
        if (user != null) {
            switch (user.role()) {
                case SCREENER -> {
                    areas.add(new String[] {"/screenings/new", "nav.newScreening"});
                    areas.add(new String[] {"/screenings", "nav.screenings"});
                }
                case RECIPIENT -> areas.add(new String[] {"/inbox", "nav.inbox"});
                case COMMISSION -> areas.add(new String[] {"/stats", "nav.stats"});
                case ADMIN -> {
                    areas.add(new String[] {"/admin/organisations", "nav.organisations"});
                    areas.add(new String[] {"/admin/users", "nav.users"});
                }
                case AUDITOR -> areas.add(new String[] {"/audit", "nav.audit"});
            }
        }
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String current = areas.stream().map(a -> a[0])
                .filter(href -> bare.equals(href) || bare.startsWith(href + "/"))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse("");
        return areas.stream().map(a -> new NavItem(a[0], t(a[1]), a[0].equals(current))).toList();
    }
}
