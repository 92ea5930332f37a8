package io.changeflow.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The KPIs of the changes of one period [from, to). */
public record KpiSnapshot(Instant from, Instant to, List<Kpi> kpis) {

	public Optional<Kpi> kpi(String key) {
		return kpis.stream().filter(kpi -> kpi.key().equals(key)).findFirst();
	}

	public List<Kpi> breached() {
		return kpis.stream().filter(Kpi::breached).toList();
	}

}
