/**
 * NRM routing: who receives a referral for a screening, whether identified or anonymised, and by when it must be
 * acknowledged.
 *
 * <p>The routing table of {@code INDICATORS.md} is written as Drools rules (the DRL files beside this package's
 * resources, knowledge base {@code routingKB}). The rules decide the <em>recipients</em> a case needs (for example
 * "the Child Protection Department of the region, identified, within 24 hours"); {@link bg.nrm.rules.routing.Router}
 * then resolves each recipient to one concrete {@link bg.nrm.rules.routing.Organisation} of the directory: one in the
 * subject's region first, else one covering the region (a national body), else the nearest by distance between
 * regional centres that takes the subject and has a free place.
 *
 * <p>Public API: {@link bg.nrm.rules.routing.Router}, {@link bg.nrm.rules.routing.RoutingRequest},
 * {@link bg.nrm.rules.routing.RoutingResult}, {@link bg.nrm.rules.routing.RouteTarget},
 * {@link bg.nrm.rules.routing.Organisation} and {@link bg.nrm.rules.routing.OrganisationType}. Everything else in
 * this package is package-private and internal to the rules.
 */
package bg.nrm.rules.routing;
