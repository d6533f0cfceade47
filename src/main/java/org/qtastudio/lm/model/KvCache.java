package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.function.Function;

/**
 * Keys and values of every layer for the tokens seen so far ({@code [B, kvHeads, S, headDim]} each), so that a
 * decode step runs the new token only. Owns its arrays; close it when the generation ends.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens cached so far. */
    public int length() {
        return length;
    }

    /** Appends one layer's new keys/values along the sequence axis; returns {keys, values} over all tokens. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        keys[layer] = grow(keys[layer], k);
        values[layer] = grow(values[layer], v);
        return new NDArray[] {keys[layer], values[layer]};
    }

    private NDArray grow(NDArray old, NDArray added) {
        NDArray all = old == null ? added : old.concat(added, 2);
        NDScope.unregister(all);
        all.attach(manager);
        if (old != null) {
            old.close();
        }
        return all;
    }

    /**
     * Repeats every row {@code times} times along the batch axis (row {@code r} becomes rows {@code r * times} to
     * {@code r * times + times - 1}), so that samples of one prompt share its prefill.
     */
    public void expand(int times) {
        if (times == 1) {
            return;
        }
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer] = repeatRows(keys[layer], times);
            values[layer] = repeatRows(values[layer], times);
        }
    }

    /** Takes the rows of {@code parts}, in order, as this empty cache's rows (a batch prefilled in groups). */
    void join(List<KvCache> parts) {
        if (length != 0) {
            throw new IllegalStateException("join needs an empty cache, this one holds " + length + " tokens");
        }
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer] = adopt(concat(parts, p -> p.keys, layer));
            values[layer] = adopt(concat(parts, p -> p.values, layer));
        }
        length = parts.get(0).length;
    }

    private static NDArray concat(List<KvCache> parts, Function<KvCache, NDArray[]> arrays, int layer) {
        NDList list = new NDList(parts.size());
        for (KvCache p : parts) {
            list.add(arrays.apply(p)[layer]);
        }
        return NDArrays.concat(list, 0);
    }

    private NDArray adopt(NDArray a) {
        NDScope.unregister(a);
        a.attach(manager);
        return a;
    }

    private NDArray repeatRows(NDArray old, int times) {
        NDArray all = old.repeat(0, times);
        NDScope.unregister(all);
        all.attach(manager);
        old.close();
        return all;
    }

    /** Called by the model after all layers have appended {@code tokens} new positions. */
    void advance(int tokens) {
        length += tokens;
    }

    @Override
    public void close() {
        manager.close();
    }
}
