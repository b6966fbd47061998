package bg.nrm.service.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules of OWASP ASVS 5.0 (V6.2): at least 12 characters, at most {@value #MAX_CHARS}; any character
 * (Unicode, spaces) and no composition rules; never truncated; not one of the common passwords shipped with the
 * service ({@code common-passwords.txt}: its header says where the list comes from), nor the account's own name.
 *
 * <p>Passwords are normalised to Unicode NFKC before they are checked and hashed, so that the same password typed on
 * another keyboard or system (composed or decomposed letters, full-width forms) still matches. Length is counted in
 * code points after normalisation.
 */
public final class PasswordPolicy {
    /** Shortest password accepted (ASVS 5.0 6.2.1). */
    public static final int MIN_CHARS = 12;
    /** Longest password accepted (ASVS asks for at least 64; hashing cost caps it). */
    public static final int MAX_CHARS = 256;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** The form every password is checked, hashed and verified in. */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * What is wrong with {@code password} for the account {@code username}, as a message a user can act on
     * (Bulgarian, then English), or empty when it is acceptable.
     */
    public static Optional<String> problem(String password, String username) {
        if (password == null) {
            return Optional.of("задължително / required");
        }
        String p = normalise(password);
        int length = p.codePointCount(0, p.length());
        if (length < MIN_CHARS) {
            return Optional.of("поне " + MIN_CHARS + " знака / at least " + MIN_CHARS + " characters");
        }
        if (length > MAX_CHARS) {
            return Optional.of("най-много " + MAX_CHARS + " знака / at most " + MAX_CHARS + " characters");
        }
        String folded = p.toLowerCase(Locale.ROOT);
        if (COMMON.contains(folded)) {
            return Optional.of("тази парола е сред най-често използваните; изберете друга / "
                    + "this password is among the most common ones; choose another");
        }
        if (username != null && username.length() >= 4 && folded.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("паролата не може да съдържа потребителското име / "
                    + "the password must not contain the username");
        }
        if (p.codePoints().distinct().count() < 3) {
            // Twelve times the same key is on every attacker's first list, though on no published one.
            return Optional.of("твърде лесна за отгатване / too easy to guess");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(normalise(line.trim()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Context words (ASVS 6.2.11): the service's own name and what users see on its pages.
        for (String w : new String[] {"nrm-screening", "nrmscreening", "nrm.screening", "nationalreferral",
                                      "националенмеханизъм", "паролапарола", "passwordpassword"}) {
            words.add(w);
        }
        return Set.copyOf(words);
    }
}
