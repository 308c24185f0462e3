package io.sessionflow.app.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid request body as a tree, to be mutated: values replaced by hostile ones (wrong types,
 * huge numbers, long or odd strings), fields dropped, nulled, repeated (duplicate keys) or added
 * (unknown fields), anywhere in the tree. Mutations work on a copy; a template is immutable in use.
 */
public abstract sealed class JsonTemplate {

    public static JsonTemplate lit(String json) {
        return new Leaf(json);
    }

    public static JsonTemplate str(String text) {
        return new Leaf(Json.quote(text, false));
    }

    /** @param keysAndValues key, value, key, value... (a value is a JsonTemplate) */
    public static JsonTemplate obj(Object... keysAndValues) {
        Obj object = new Obj();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.keys.add((String) keysAndValues[i]);
            object.values.add((JsonTemplate) keysAndValues[i + 1]);
        }
        return object;
    }

    public static JsonTemplate arr(JsonTemplate... items) {
        Arr array = new Arr();
        array.items.addAll(List.of(items));
        return array;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    abstract void render(StringBuilder out);

    abstract JsonTemplate copy();

    /** This body with 1 to 3 structural mutations. */
    public String mutated(Draw d) {
        JsonTemplate root = copy();
        for (int i = d.between(1, 3); i > 0; i--) {
            List<Slot> slots = new ArrayList<>();
            root.collect(slots);
            if (slots.isEmpty()) {
                break;
            }
            d.pick(slots).mutate(d);
        }
        return root.render();
    }

    void collect(List<Slot> slots) {}

    /** A place in a container: a field of an object or an item of an array. */
    private record Slot(JsonTemplate container, int index) {

        void mutate(Draw d) {
            if (container instanceof Obj object && index < 0) {
                int at = d.between(0, object.keys.size());
                object.keys.add(at, HostileText.string(d));
                object.values.add(at, new Leaf(HostileText.value(d, 1)));
            } else if (container instanceof Obj object) {
                switch (d.weighted(6, 2, 2, 2, 2)) {
                    case 0 -> object.values.set(index, new Leaf(HostileText.value(d, 1)));
                    case 1 -> object.values.set(index, new Leaf("null"));
                    case 2 -> {
                        object.keys.remove(index);
                        object.values.remove(index);
                    }
                    case 3 -> {
                        int at = d.between(0, object.keys.size());
                        String repeated = object.keys.get(index);
                        object.values.add(
                                at, d.chance(50) ? object.values.get(index).copy() : new Leaf(HostileText.value(d, 1)));
                        object.keys.add(at, repeated);
                    }
                    default -> {
                        object.keys.add(d.chance(60) ? HostileText.string(d) : object.keys.get(index) + "x");
                        object.values.add(new Leaf(HostileText.value(d, 1)));
                    }
                }
            } else if (container instanceof Arr array) {
                switch (d.weighted(5, 2, 2)) {
                    case 0 -> array.items.set(index, new Leaf(HostileText.value(d, 1)));
                    case 1 -> array.items.remove(index);
                    default -> array.items.add(array.items.get(index).copy());
                }
            }
        }
    }

    static final class Leaf extends JsonTemplate {
        private final String json;

        Leaf(String json) {
            this.json = json;
        }

        @Override
        void render(StringBuilder out) {
            out.append(json);
        }

        @Override
        JsonTemplate copy() {
            return this;
        }
    }

    static final class Obj extends JsonTemplate {
        private final List<String> keys = new ArrayList<>();
        private final List<JsonTemplate> values = new ArrayList<>();

        @Override
        void render(StringBuilder out) {
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",")
                        .append(Json.quote(keys.get(i), false))
                        .append(':');
                values.get(i).render(out);
            }
            out.append('}');
        }

        @Override
        JsonTemplate copy() {
            Obj copy = new Obj();
            copy.keys.addAll(keys);
            values.forEach(v -> copy.values.add(v.copy()));
            return copy;
        }

        @Override
        void collect(List<Slot> slots) {
            slots.add(new Slot(this, -1));
            for (int i = 0; i < keys.size(); i++) {
                slots.add(new Slot(this, i));
                values.get(i).collect(slots);
            }
        }
    }

    static final class Arr extends JsonTemplate {
        private final List<JsonTemplate> items = new ArrayList<>();

        @Override
        void render(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",");
                items.get(i).render(out);
            }
            out.append(']');
        }

        @Override
        JsonTemplate copy() {
            Arr copy = new Arr();
            items.forEach(v -> copy.items.add(v.copy()));
            return copy;
        }

        @Override
        void collect(List<Slot> slots) {
            for (int i = 0; i < items.size(); i++) {
                slots.add(new Slot(this, i));
                items.get(i).collect(slots);
            }
        }
    }
}
