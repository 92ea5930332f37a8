package io.changeflow.metrics;

import java.util.List;

// PLACEHOLDER until the metrics-core branch lands its KpiCharts (same signature): replaced at merge
public final class KpiCharts {

	private KpiCharts() {
	}

	public static String trend(String kpiKey, List<KpiSnapshot> periods) {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>";
	}

}
