package bg.nrm.service.referral;

import bg.nrm.service.auth.UserStore;
import bg.nrm.service.referral.document.DocumentBuilder;

/**
 * How a referral names the screener who made it and how to reach them: the name and phone on their account. The one
 * place that reads them, so the referral document does not depend on how accounts are stored.
 */
public final class ScreenerContacts {
    private final UserStore users;

    public ScreenerContacts(UserStore users) {
        this.users = users;
    }

    /** The screener's name and phone; the username stands in for a name the account does not have. */
    public DocumentBuilder.Screener contactOf(String username) {
        return users.find(username).map(u -> new DocumentBuilder.Screener(
                        u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName(),
                        u.phone() == null || u.phone().isBlank() ? null : u.phone()))
                .orElse(new DocumentBuilder.Screener(username, null));
    }
}
