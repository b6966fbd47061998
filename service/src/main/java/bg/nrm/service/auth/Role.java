package bg.nrm.service.auth;

/** The roles (README.md, "Demo users"; docs/architecture.md). Each route names the roles it admits; anything else is denied. */
public enum Role {
    /** Staff of a residential or community service who submit screenings. */
    SCREENER,
    /** Duty officer of an organisation that receives referrals. */
    RECIPIENT,
    /** Analyst of a local or the national commission: anonymised statistics only. */
    COMMISSION,
    /** Manages organisations, keys and users; never case content. */
    ADMIN,
    /** Verifies the audit log; never case content. */
    AUDITOR
}
