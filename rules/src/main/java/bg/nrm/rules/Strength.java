package bg.nrm.rules;

/** Strength of an indicator in the ILO/EC Delphi method (INDICATORS.md): strong, medium or weak. */
public enum Strength {
    STRONG, MEDIUM, WEAK
}
