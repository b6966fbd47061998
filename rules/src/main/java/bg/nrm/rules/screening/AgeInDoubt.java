package bg.nrm.rules.screening;

/** Fact: an adult-risk screening of someone whose age is uncertain and under 21. */
public final class AgeInDoubt {
}
