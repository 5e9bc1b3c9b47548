package org.seqlab.app.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line, keys in insertion order, numbers rounded to what is worth reading. */
final class Json {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    static Json object() {
        return new Json();
    }

    Json put(String key, Object value) {
        if (value instanceof Double d) {
            value = round(d);
        } else if (value instanceof double[] a) {
            Object[] rounded = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                rounded[i] = round(a[i]);
            }
            value = rounded;
        } else if (value instanceof Map<?, ?> m) {
            Map<Object, Object> rounded = new LinkedHashMap<>();
            m.forEach((k, v) -> rounded.put(k, v instanceof Double d ? round(d) : v));
            value = rounded;
        }
        fields.put(key, value);
        return this;
    }

    static Object round(double d) {
        if (!Double.isFinite(d)) {
            return d;
        }
        return Math.round(d * 1e6) / 1e6;
    }

    /** The fields, to nest this object inside another. */
    Map<String, Object> fields() {
        return fields;
    }

    String line() {
        return GSON.toJson(fields);
    }

    static String array(double[] values) {
        Object[] rounded = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = round(values[i]);
        }
        return GSON.toJson(rounded);
    }
}
