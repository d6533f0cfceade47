package org.qtastudio.common;

import java.util.Locale;

/** "1 query", "2 queries": a count with the noun in the form the count takes. */
public final class Plurals {

    private Plurals() {
    }

    public static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? one : many);
    }
}
