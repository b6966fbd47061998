package bg.nrm.rules.screening;

/**
 * Fact: the person is assessed with the child combination rule (no means needed). Inserted logically by more than
 * one rule; all instances are equal, so there is at most one.
 */
public final class ChildRulesApply {
    @Override
    public boolean equals(Object o) {
        return o instanceof ChildRulesApply;
    }

    @Override
    public int hashCode() {
        return ChildRulesApply.class.hashCode();
    }
}
