package bg.nrm.service.directory;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The e-mail an organisation receives when its encryption key changes or is about to expire, beside the same event on
 * its alert stream: Bulgarian, then English, no case data. It names the fingerprint so that the organisation can
 * check it against the key it holds, and says what to do if it did not expect the change.
 */
public final class KeyChangeNotice {
    /** The subject: no organisation or case data. */
    public static final String SUBJECT = "Ключ за криптиране на организацията / Your organisation's encryption key";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Sofia"));

    private KeyChangeNotice() {
    }

    /** The text for one key event. */
    public static String text(KeyChanges.KeyEvent e) {
        String fp = grouped(e.fingerprint());
        String bg;
        String en;
        switch (e.status()) {
            case "PENDING" -> {
                bg = "Администратор на Националния механизъм за насочване качи нов публичен ключ за вашата организация.\n"
                        + "Отпечатък: " + fp + "\n\n"
                        + "Ключът НЕ се използва, докато служител на вашата организация не потвърди отпечатъка в "
                        + "страницата „Ключове“. Сравнете отпечатъка с ключа, който държите. Ако не очаквате "
                        + "такава промяна, не я потвърждавайте и се обадете на администратора.";
                en = "An administrator of the National Referral Mechanism uploaded a new public key for your "
                        + "organisation.\nFingerprint: " + fp + "\n\n"
                        + "The key is NOT used until a member of your organisation confirms the fingerprint on the "
                        + "Keys page. Compare the fingerprint with the key you hold. If you did not expect this "
                        + "change, do not confirm it and call the administrator.";
            }
            case "ACTIVE" -> {
                bg = "Нов ключ за криптиране на вашата организация е в сила: следващите сигнали се криптират с него.\n"
                        + "Отпечатък: " + fp + "\n\n"
                        + "Ако не сте очаквали тази промяна, обадете се веднага на администратора.";
                en = "A new encryption key for your organisation is in force: the next referrals are encrypted to "
                        + "it.\nFingerprint: " + fp + "\n\n"
                        + "If you did not expect this change, call the administrator at once.";
            }
            case "EXPIRING" -> {
                String when = e.expiresAt() == null ? "" : DATE.format(e.expiresAt());
                bg = "Ключът за криптиране на вашата организация изтича на " + when + ".\n"
                        + "Отпечатък: " + fp + "\n\n"
                        + "Създайте нов ключ и го изпратете на администратора преди тази дата; след нея сигнали до "
                        + "вас не могат да бъдат криптирани.";
                en = "Your organisation's encryption key expires on " + when + ".\nFingerprint: " + fp + "\n\n"
                        + "Make a new key and send it to the administrator before then; after that date referrals to "
                        + "you cannot be encrypted.";
            }
            default -> {
                bg = "Промяна на ключа за криптиране на вашата организация (" + e.status() + ").\nОтпечатък: " + fp;
                en = "A change of your organisation's encryption key (" + e.status() + ").\nFingerprint: " + fp;
            }
        }
        return bg + "\n\n---\n\n" + en + "\n\n"
                + "Това съобщение не съдържа данни за случаи. / This message carries no case data.\n";
    }

    /** Groups of four hex digits, as gpg prints them. */
    static String grouped(String fingerprint) {
        String f = fingerprint.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length(); i += 4) {
            if (i > 0) {
                sb.append(i == f.length() / 2 ? "  " : " ");
            }
            sb.append(f, i, Math.min(f.length(), i + 4));
        }
        return sb.toString();
    }
}
