/**
 * The web pages (issue 12): server-rendered HTML for every role, Bulgarian first with English beside it.
 *
 * <p>One {@link io.helidon.webserver.http.HttpService} per area ({@link SignInPages}, {@link ScreenerPages},
 * {@link RecipientPages}); templates under {@code src/main/jte} are compiled to Java at build time, so a template
 * error fails the build. Every value reaches the page through the template engine's HTML escaping; no page carries
 * inline script or style, so a strict Content-Security-Policy holds. Pages sit behind {@link WebAuth}: a browser
 * session (cookie) is required for every page except sign-in, and each handler names the roles it admits.
 * Styles, scripts and the font are served by {@link Assets} from the WebJars and npm packages on the class path.
 */
package bg.nrm.service.web;
