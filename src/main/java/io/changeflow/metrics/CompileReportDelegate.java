package io.changeflow.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Compile weekly summary / monthly metrics report / quarterly review: the step's input {@code reportKind} says which.
 * A missed target, and every quarterly review, needs the change managers' review.
 */
@Component
class CompileReportDelegate implements JavaDelegate {

	private final ChangeReports reports;

	CompileReportDelegate(ChangeReports reports) {
		this.reports = reports;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ReportKind kind = ReportKind.parse((String) execution.getVariable("reportKind"));
		Report report = reports.compile(kind);
		execution.setVariable("reportId", report.id());
		execution.setVariable("reportTitle", report.title());
		execution.setVariable("reportHref", report.href());
		execution.setVariable("missedTargets", String.join(", ", report.breached()));
		execution.setVariable("reviewNeeded", !report.breached().isEmpty() || kind == ReportKind.QUARTERLY);
	}

}
