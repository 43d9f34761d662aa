package io.industrybrain.streams.topology;

import io.industrybrain.schema.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A roll-up: INDUSTRY_CHAIN and a chain code, REGION and a city code, or PROVINCE {@value #PROVINCE_ID}.
 * Ordered by scope (chains, regions, province), then scopeId, which is the order roll-ups are published in.
 */
public record GroupKey(Scope scope, String scopeId) implements Comparable<GroupKey> {

    /** The scopeId of the province: every enterprise. */
    public static final String PROVINCE_ID = "ZJ";
    public static final GroupKey PROVINCE = new GroupKey(Scope.PROVINCE, PROVINCE_ID);

    private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::scope).thenComparing(GroupKey::scopeId);

    /** The roll-ups an enterprise filed under this chain and region counts in: those known, and the province. */
    public static List<GroupKey> of(String industryChain, String region) {
        List<GroupKey> groups = new ArrayList<>(3);
        if (industryChain != null) {
            groups.add(new GroupKey(Scope.INDUSTRY_CHAIN, industryChain));
        }
        if (region != null) {
            groups.add(new GroupKey(Scope.REGION, region));
        }
        groups.add(PROVINCE);
        return groups;
    }

    /** The part of a store key after the window: scope, '|', scopeId. */
    public String storeSuffix() {
        return scope.name() + "|" + scopeId;
    }

    public static GroupKey fromStoreSuffix(String suffix) {
        int bar = suffix.indexOf('|');
        return new GroupKey(Scope.valueOf(suffix.substring(0, bar)), suffix.substring(bar + 1));
    }

    @Override
    public int compareTo(GroupKey other) {
        return ORDER.compare(this, other);
    }
}
