package bg.nrm.rules.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static bg.nrm.rules.routing.OrganisationType.CHILD_PROTECTION;
import static bg.nrm.rules.routing.OrganisationType.CHILD_PROTECTION_AGENCY;
import static bg.nrm.rules.routing.OrganisationType.COMMUNITY_SUPPORT;
import static bg.nrm.rules.routing.OrganisationType.CRISIS_CENTRE_CHILDREN;
import static bg.nrm.rules.routing.OrganisationType.LOCAL_COMMISSION;
import static bg.nrm.rules.routing.OrganisationType.NATIONAL_COMMISSION;
import static bg.nrm.rules.routing.OrganisationType.POLICE;
import static bg.nrm.rules.routing.OrganisationType.SHELTER;
import static bg.nrm.rules.routing.OrganisationType.SOCIAL_SERVICE;

/** The demo directory (service demo-directory.json), as routing sees it, with helpers to vary it per scenario. */
final class DemoDirectory {
    static final Set<String> ALL_REGIONS = allRegions();

    private DemoDirectory() {
    }

    static List<Organisation> organisations() {
        List<Organisation> d = new ArrayList<>();
        d.add(local("ksu-konstantin-elena-plovdiv", SOCIAL_SERVICE, "BG-16", true, true, null));
        d.add(local("csri-etropole", SOCIAL_SERVICE, "BG-23", true, true, null));
        d.add(local("ksuds-plovdiv", COMMUNITY_SUPPORT, "BG-16", true, true, null));
        d.add(local("cop-razlog", COMMUNITY_SUPPORT, "BG-01", true, true, null));
        d.add(local("cc-children-plovdiv", CRISIS_CENTRE_CHILDREN, "BG-16", true, false, 3));
        d.add(local("cc-children-veliko-tarnovo", CRISIS_CENTRE_CHILDREN, "BG-04", true, false, 2));
        d.add(local("shelter-sofia", SHELTER, "BG-22", false, true, 4));
        d.add(local("ozd-plovdiv", CHILD_PROTECTION, "BG-16", true, false, null));
        d.add(local("ozd-veliko-tarnovo", CHILD_PROTECTION, "BG-04", true, false, null));
        d.add(local("ozd-razlog", CHILD_PROTECTION, "BG-01", true, false, null));
        d.add(local("ozd-etropole", CHILD_PROTECTION, "BG-23", true, false, null));
        d.add(local("police-plovdiv", POLICE, "BG-16", true, true, null));
        d.add(national("police-national", POLICE, true, true));
        d.add(national("sacp-national", CHILD_PROTECTION_AGENCY, true, false));
        d.add(local("lc-plovdiv", LOCAL_COMMISSION, "BG-16", true, true, null));
        d.add(local("lc-pazardzhik", LOCAL_COMMISSION, "BG-13", true, true, null));
        d.add(local("lc-veliko-tarnovo", LOCAL_COMMISSION, "BG-04", true, true, null));
        d.add(local("lc-montana", LOCAL_COMMISSION, "BG-12", true, true, null));
        d.add(local("lc-blagoevgrad", LOCAL_COMMISSION, "BG-01", true, true, null));
        d.add(local("lc-burgas", LOCAL_COMMISSION, "BG-02", true, true, null));
        d.add(local("lc-varna", LOCAL_COMMISSION, "BG-03", true, true, null));
        d.add(local("lc-ruse", LOCAL_COMMISSION, "BG-18", true, true, null));
        d.add(local("lc-sliven", LOCAL_COMMISSION, "BG-20", true, true, null));
        d.add(local("lc-pleven", LOCAL_COMMISSION, "BG-15", true, true, null));
        d.add(national("nc-national", NATIONAL_COMMISSION, true, true));
        return d;
    }

    /** The demo directory with one organisation's free places changed. */
    static List<Organisation> withFreePlaces(String id, int freePlaces) {
        return organisations().stream()
                .map(o -> o.id().equals(id)
                        ? new Organisation(o.id(), o.name(), o.type(), o.region(), o.coveredRegions(),
                                o.takesChildren(), o.takesAdults(), freePlaces)
                        : o)
                .toList();
    }

    /** The demo directory without the organisations that match. */
    static List<Organisation> without(Predicate<Organisation> unwanted) {
        return organisations().stream().filter(unwanted.negate()).toList();
    }

    static List<Organisation> plus(Organisation extra) {
        List<Organisation> d = new ArrayList<>(organisations());
        d.add(extra);
        return d;
    }

    static Organisation local(String id, OrganisationType type, String region, boolean children, boolean adults,
                              Integer freePlaces) {
        return new Organisation(id, id, type, region, Set.of(region), children, adults, freePlaces);
    }

    private static Organisation national(String id, OrganisationType type, boolean children, boolean adults) {
        return new Organisation(id, id, type, "BG-22", ALL_REGIONS, children, adults, null);
    }

    private static Set<String> allRegions() {
        Set<String> regions = new LinkedHashSet<>();
        for (int i = 1; i <= 28; i++) {
            regions.add(String.format("BG-%02d", i));
        }
        return Set.copyOf(regions);
    }
}
