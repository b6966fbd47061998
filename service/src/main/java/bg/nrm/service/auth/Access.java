package bg.nrm.service.auth;

import bg.nrm.service.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;

import java.util.Arrays;

/** Role checks for handlers: the caller must hold one of the named roles, or the request is refused with 403. */
public final class Access {
    private Access() {
    }

    public static Principal require(ServerRequest req, Role... allowed) {
        Principal principal = req.context().get(Principal.class).orElseThrow(ProblemException::unauthorized);
        if (Arrays.stream(allowed).noneMatch(r -> r == principal.role())) {
            throw ProblemException.forbidden("your role may not use this resource");
        }
        return principal;
    }
}
