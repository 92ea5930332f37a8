package io.changeflow.metrics;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Determine due reports: the kinds whose period ended at midnight (UTC), for "Compile and send report" to loop over. */
@Component
class DetermineDueReportsDelegate implements JavaDelegate {

	private final Clock clock;

	DetermineDueReportsDelegate(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
		execution.setVariable("dueReports", new ArrayList<>(
				Arrays.stream(ReportKind.values()).filter(kind -> kind.dueOn(today)).map(kind -> kind.value).toList()));
		execution.setVariable("reports", "");
		execution.setVariable("missedTargets", "");
		execution.setVariable("reviewNeeded", false);
	}

}
