package bg.nrm.service.auth;

import bg.nrm.service.http.Problem;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of the account fields an administrator sends; each problem names its field and never repeats the value. */
final class AccountFields {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,38}");
    private static final int MAX_DISPLAY_NAME = 200;

    private AccountFields() {
    }

    static void username(String username, List<Problem.FieldProblem> errors) {
        if (username == null || username.isBlank()) {
            errors.add(new Problem.FieldProblem("username", "задължително / required"));
        } else if (!USERNAME.matcher(username).matches()) {
            errors.add(new Problem.FieldProblem("username", "2 до 64 знака: малки латински букви, цифри, точка, тире, "
                    + "долна черта / 2 to 64 characters: lower-case latin letters, digits, dot, dash, underscore"));
        }
    }

    static Role role(String role, String field, boolean required, List<Problem.FieldProblem> errors) {
        if (role == null) {
            if (required) {
                errors.add(new Problem.FieldProblem(field, "задължително / required"));
            }
            return null;
        }
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldProblem(field, "една от / one of SCREENER, RECIPIENT, COMMISSION, ADMIN, AUDITOR"));
            return null;
        }
    }

    /** The display name, NFC-normalised and trimmed. */
    static String displayName(String name, boolean required, List<Problem.FieldProblem> errors) {
        if (name == null) {
            if (required) {
                errors.add(new Problem.FieldProblem("displayName", "задължително / required"));
            }
            return null;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC).strip();
        if (n.isEmpty() || n.codePointCount(0, n.length()) > MAX_DISPLAY_NAME
                || n.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldProblem("displayName", "от 1 до " + MAX_DISPLAY_NAME
                    + " знака, без управляващи знаци / 1 to " + MAX_DISPLAY_NAME + " characters, no control characters"));
            return null;
        }
        return n;
    }

    /** The phone number as given (trimmed), or null when absent or blank. */
    static String phone(String phone, List<Problem.FieldProblem> errors) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.strip();
        if (!PHONE.matcher(p).matches()) {
            errors.add(new Problem.FieldProblem("phone", "телефонен номер, напр. +359 32 000 000 / "
                    + "a phone number, e.g. +359 32 000 000"));
            return null;
        }
        return p;
    }

    static String externalSubject(String subject, List<Problem.FieldProblem> errors) {
        if (subject == null) {
            return null;
        }
        if (subject.isBlank() || subject.length() > 255 || subject.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldProblem("externalSubject", "1 до 255 знака / 1 to 255 characters"));
            return null;
        }
        return subject;
    }

    /**
     * Screeners, recipients and commission analysts act for an organisation, which must exist; administrators and
     * auditors may name one.
     */
    static void organisation(Database db, Role role, String organisationId, List<Problem.FieldProblem> errors) {
        boolean needed = role == Role.SCREENER || role == Role.RECIPIENT || role == Role.COMMISSION;
        if (organisationId == null || organisationId.isBlank()) {
            if (needed) {
                errors.add(new Problem.FieldProblem("organisationId", "задължително за тази роля / "
                        + "required for this role"));
            }
            return;
        }
        boolean exists = organisationId.length() <= 64 && db.read(c -> Sql.one(c,
                "SELECT 1 FROM organisations WHERE id = ?", rs -> 1, organisationId)).isPresent();
        if (!exists) {
            errors.add(new Problem.FieldProblem("organisationId", "няма такава организация / no such organisation"));
        }
    }
}
