package io.sessionflow.app.hostile;

import java.util.List;
import java.util.function.Function;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random choices for generators written as plain code. Every choice is one draw from QuickTheories'
 * randomness source, so a falsified property shrinks by shrinking the draws: counts towards their
 * minimum, {@link #chance} towards false, {@link #pick} towards the first option (list the simplest first).
 */
public final class Draw {

    private final RandomnessSource in;

    private Draw(RandomnessSource in) {
        this.in = in;
    }

    public static <T> Gen<T> gen(Function<Draw, T> generator) {
        return in -> generator.apply(new Draw(in));
    }

    public int between(int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    /** True with the given probability; shrinks to false. */
    public boolean chance(int percent) {
        return between(0, 99) >= 100 - percent;
    }

    public <T> T pick(List<T> options) {
        return options.get(between(0, options.size() - 1));
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[between(0, options.length - 1)];
    }

    /** An index into {@code weights}, each chosen in proportion to its weight; shrinks towards index 0. */
    public int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = between(0, total - 1);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public <T> T from(Gen<T> generator) {
        return generator.generate(in);
    }
}
