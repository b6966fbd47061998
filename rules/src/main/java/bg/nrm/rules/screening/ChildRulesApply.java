package bg.nrm.rules.screening;

/** Fact: the person is assessed with the child combination rule (no means needed). At most one per screening. */
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
