package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.internal.EnterpriseContribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A roll-up: INDUSTRY_CHAIN and a chain code, REGION and a city code, or PROVINCE {@value #PROVINCE_ID}.
 * Ordered by scope (chains, regions, province), then scopeId, which is the order roll-ups are published in.
 */
record GroupKey(Scope scope, String scopeId) implements Comparable<GroupKey> {

    /** The scopeId of the province: every enterprise. */
    static final String PROVINCE_ID = "ZJ";
    static final GroupKey PROVINCE = new GroupKey(Scope.PROVINCE, PROVINCE_ID);

    private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::scope).thenComparing(GroupKey::scopeId);

    /** The roll-ups an enterprise's contribution counts in: its chain and region when known, and the province. */
    static List<GroupKey> of(EnterpriseContribution contribution) {
        List<GroupKey> groups = new ArrayList<>(3);
        if (contribution.getIndustryChain() != null) {
            groups.add(new GroupKey(Scope.INDUSTRY_CHAIN, contribution.getIndustryChain()));
        }
        if (contribution.getRegion() != null) {
            groups.add(new GroupKey(Scope.REGION, contribution.getRegion()));
        }
        groups.add(PROVINCE);
        return groups;
    }

    /** The part of a store key after the window: scope, '|', scopeId. */
    String storeSuffix() {
        return scope.name() + "|" + scopeId;
    }

    static GroupKey fromStoreSuffix(String suffix) {
        int bar = suffix.indexOf('|');
        return new GroupKey(Scope.valueOf(suffix.substring(0, bar)), suffix.substring(bar + 1));
    }

    @Override
    public int compareTo(GroupKey other) {
        return ORDER.compare(this, other);
    }
}
