package io.changeflow.metrics;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The change-report process's morning timer, fired in tests as the job executor would at that time. */
final class ReportTimer {

	private ReportTimer() {
	}

	/**
	 * Moves the engine clock to {@code at} and runs the timer job.
	 * @return the report process this firing started (not one an earlier firing in the same engine started)
	 */
	static String fire(ProcessEngine engine, String at) {
		ClockUtil.setCurrentTime(Date.from(Instant.parse(at)));
		List<String> before = reportProcesses(engine.getHistoryService());
		var management = engine.getManagementService();
		var timer = management.createJobQuery()
			.processDefinitionKey("change-report")
			.activityId("DayStarted")
			.singleResult();
		management.executeJob(timer.getId());
		return reportProcesses(engine.getHistoryService()).stream()
			.filter(id -> !before.contains(id))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> reportProcesses(HistoryService history) {
		return history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("change-report")
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
	}

}
