package org.qtastudio.lm.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Python's {@code seq[start:stop:step]} on lists and strings; the target of {@link TemplateSource}'s rewrite. */
final class PythonSliceFilter implements Filter {

    @Override
    public String getName() {
        return "python_slice";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        List<Object> items = new ArrayList<>();
        boolean string = var instanceof CharSequence;
        if (string) {
            var.toString().codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
        } else if (var instanceof Collection<?> c) {
            items.addAll(c);
        } else if (var != null) {
            throw new ChatTemplateException("cannot slice a " + var.getClass().getSimpleName());
        }
        int n = items.size();
        int step = args.length > 2 && args[2] != null ? ((Number) args[2]).intValue() : 1;
        if (step == 0) {
            throw new ChatTemplateException("slice step cannot be zero");
        }
        int start = bound(args.length > 0 ? args[0] : null, n, step, true);
        int stop = bound(args.length > 1 ? args[1] : null, n, step, false);
        List<Object> out = new ArrayList<>();
        for (int i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(items.get(i));
        }
        if (string) {
            StringBuilder sb = new StringBuilder();
            out.forEach(sb::append);
            return sb.toString();
        }
        return out;
    }

    /** As CPython's {@code PySlice_AdjustIndices}. */
    private static int bound(Object v, int n, int step, boolean isStart) {
        if (v == null) {
            return isStart ? (step > 0 ? 0 : n - 1) : (step > 0 ? n : -1);
        }
        int i = ((Number) v).intValue();
        if (i < 0) {
            i += n;
            if (i < 0) {
                return step > 0 ? 0 : -1;
            }
        } else if (i >= n) {
            return step > 0 ? n : n - 1;
        }
        return i;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, args, new HashMap<>());
    }
}
