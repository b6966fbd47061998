package bg.nrm.rules;

/** One of Bulgaria's 28 regions (ISO 3166-2:BG) with its regional centre's coordinates. */
public record Region(String code, String nameBg, String nameEn, double latitude, double longitude) {
}
