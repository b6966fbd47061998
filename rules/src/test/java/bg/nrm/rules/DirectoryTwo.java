package bg.nrm.rules;

import bg.nrm.rules.routing.Organisation;
import bg.nrm.rules.routing.OrganisationType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static bg.nrm.rules.routing.OrganisationType.CHILD_PROTECTION;
import static bg.nrm.rules.routing.OrganisationType.CHILD_PROTECTION_AGENCY;
import static bg.nrm.rules.routing.OrganisationType.COMMUNITY_SUPPORT;
import static bg.nrm.rules.routing.OrganisationType.CRISIS_CENTRE_ADULTS;
import static bg.nrm.rules.routing.OrganisationType.CRISIS_CENTRE_CHILDREN;
import static bg.nrm.rules.routing.OrganisationType.LOCAL_COMMISSION;
import static bg.nrm.rules.routing.OrganisationType.NATIONAL_COMMISSION;
import static bg.nrm.rules.routing.OrganisationType.POLICE;
import static bg.nrm.rules.routing.OrganisationType.PROTECTION_CENTRE;
import static bg.nrm.rules.routing.OrganisationType.SHELTER;
import static bg.nrm.rules.routing.OrganisationType.STATE_AGENCY_REFUGEES;

/**
 * A directory for ruleset-2.0.0 routing tests: the version-1 demo organisations plus the new types and placement facts
 * (a shelter for women, a protection centre for men and women, a crisis centre for women victims of domestic
 * violence, a general crisis centre for adults, ДАБ). Mirrors the shape of the service's demo directory.
 */
public final class DirectoryTwo {
    private static final Set<String> ALL = all();

    private DirectoryTwo() {
    }

    /** The organisations, a new list each call. */
    public static List<Organisation> organisations() {
        List<Organisation> d = new ArrayList<>();
        d.add(org("ksuds-plovdiv", COMMUNITY_SUPPORT, "BG-16", true, true, null, null, null, null));
        d.add(org("cop-razlog", COMMUNITY_SUPPORT, "BG-01", true, true, null, null, null, null));
        d.add(org("cc-children-plovdiv", CRISIS_CENTRE_CHILDREN, "BG-16", true, false, 3, "any", 7, 17));
        d.add(org("cc-children-veliko-tarnovo", CRISIS_CENTRE_CHILDREN, "BG-04", true, false, 2, "any", 3, 17));
        d.add(org("shelter-sofia", SHELTER, "BG-22", false, true, 4, "female", 18, null, "TRAFFICKING"));
        d.add(org("pc-burgas", PROTECTION_CENTRE, "BG-02", false, true, 6, "any", 18, null, "TRAFFICKING"));
        d.add(org("cc-dv-plovdiv", CRISIS_CENTRE_ADULTS, "BG-16", false, true, 5, "female", 18, null,
                "DOMESTIC_VIOLENCE"));
        d.add(org("cc-adults-sofia", CRISIS_CENTRE_ADULTS, "BG-22", false, true, 8, "any", 18, null, "GENERAL"));
        d.add(org("ozd-plovdiv", CHILD_PROTECTION, "BG-16", true, false, null, null, null, null));
        d.add(org("ozd-razlog", CHILD_PROTECTION, "BG-01", true, false, null, null, null, null));
        d.add(org("police-plovdiv", POLICE, "BG-16", true, true, null, null, null, null));
        d.add(national("police-national", POLICE, true, true));
        d.add(national("sacp-national", CHILD_PROTECTION_AGENCY, true, false));
        d.add(national("sar-national", STATE_AGENCY_REFUGEES, true, true));
        d.add(org("lc-plovdiv", LOCAL_COMMISSION, "BG-16", true, true, null, null, null, null));
        d.add(national("nc-national", NATIONAL_COMMISSION, true, true));
        return d;
    }

    private static Organisation org(String id, OrganisationType type, String region, boolean children, boolean adults,
                                    Integer free, String gender, Integer minAge, Integer maxAge, String... serves) {
        return new Organisation(id, id, type, region, Set.of(region), children, adults, free, gender, minAge, maxAge,
                Set.of(serves));
    }

    private static Organisation national(String id, OrganisationType type, boolean children, boolean adults) {
        return new Organisation(id, id, type, "BG-22", ALL, children, adults, null, null, null, null, Set.of());
    }

    private static Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        for (int i = 1; i <= 28; i++) {
            all.add(String.format("BG-%02d", i));
        }
        return all;
    }
}
