package bg.nrm.rules;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the rules can ask of a fact: its public getters, found from the class itself, so that a getter added for a new
 * rule is part of a remembered decision's or assessment's key without anyone remembering to add it (the router's
 * {@code Decisions} and {@link RiskAssessor}). For the rules' own packages.
 */
public final class FactQuestions {
    private FactQuestions() {
    }

    /**
     * Every public instance getter ({@code get…} or {@code is…}, no parameters) that {@code factClass} declares, by
     * name, as handles taking the fact and returning the answer as an object. A public field, or a class that could be
     * subclassed, could hand the rules something such a key does not hold, so such a fact class is refused.
     *
     * @param kind what the fact is, for the error message ("screening", "routing")
     * @throws RulesException if the class is not final, has public fields, or its getters cannot be read
     */
    public static List<MethodHandle> of(Class<?> factClass, String kind) {
        if (!Modifier.isFinal(factClass.getModifiers()) || factClass.getFields().length > 0) {
            throw new RulesException("a " + kind + " fact must be a final class without public fields: "
                    + factClass.getSimpleName());
        }
        List<Method> getters = new ArrayList<>();
        for (Method m : factClass.getDeclaredMethods()) {
            boolean getter = m.getName().startsWith("get") || m.getName().startsWith("is");
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && getter
                    && m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        List<MethodHandle> handles = new ArrayList<>(getters.size());
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (Method m : getters) {
                handles.add(lookup.unreflect(m).asType(MethodType.methodType(Object.class, Object.class)));
            }
        } catch (IllegalAccessException e) {
            throw new RulesException("a " + kind + " fact's getters cannot be read", e);
        }
        return List.copyOf(handles);
    }
}
