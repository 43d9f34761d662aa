package io.industrybrain.streams.topology.registered;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.intake.DecodedReferenceTable;
import java.util.HashMap;
import java.util.Map;

/**
 * How many enterprises, and above-scale enterprises, the reference data holds per industry chain, region and the
 * province, kept as the enterprise table changes (a {@link DecodedReferenceTable.Listener} on the global thread), so
 * that every record can say what share of its scope it is drawn from. Roll-ups count an enterprise under its current
 * chain and region, as the roll-ups file it.
 */
public final class RegisteredEnterprises implements DecodedReferenceTable.Listener<Enterprise> {

    /** The registered and registered above-scale counts of a scope. */
    public record Counts(long enterprises, long aboveScale) {
        static final Counts NONE = new Counts(0, 0);
    }

    private final Map<GroupKey, Counts> counts = new HashMap<>();
    private final Map<String, Boolean> aboveScaleById = new HashMap<>();

    @Override
    public synchronized void changed(Enterprise before, Enterprise after) {
        if (before != null) {
            count(before, -1);
        }
        if (after != null) {
            count(after, 1);
        }
    }

    private void count(Enterprise enterprise, int change) {
        int aboveScale = enterprise.getAboveScale() ? change : 0;
        for (GroupKey group : GroupKey.of(enterprise.getIndustryChain(), enterprise.getRegion())) {
            Counts now = counts.getOrDefault(group, Counts.NONE);
            counts.put(group, new Counts(now.enterprises() + change, now.aboveScale() + aboveScale));
        }
        if (change > 0) {
            aboveScaleById.put(enterprise.getEnterpriseId(), enterprise.getAboveScale());
        } else {
            aboveScaleById.remove(enterprise.getEnterpriseId());
        }
    }

    /** The scope's registered counts now: for an enterprise, 1 (and 1 or 0 above scale) while the reference data has it. */
    public synchronized Counts of(Scope scope, String scopeId) {
        if (scope == Scope.ENTERPRISE) {
            Boolean aboveScale = aboveScaleById.get(scopeId);
            return aboveScale == null ? Counts.NONE : new Counts(1, aboveScale ? 1 : 0);
        }
        return counts.getOrDefault(new GroupKey(scope, scopeId), Counts.NONE);
    }
}
