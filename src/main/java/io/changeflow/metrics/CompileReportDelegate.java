package io.changeflow.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Compile and send report, once per due kind ({@code reportKind}): adds the report to what the change managers see
 * and asks for their review when a KPI missed its target, and for every quarterly review.
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
		append(execution, "reports", report.title() + ": " + report.href());
		if (!report.breached().isEmpty()) {
			append(execution, "missedTargets", kind.title + ": " + String.join(", ", report.breached()));
		}
		execution.setVariable("reviewNeeded", Boolean.TRUE.equals(execution.getVariable("reviewNeeded"))
				|| !report.breached().isEmpty() || kind == ReportKind.QUARTERLY);
	}

	// one line per report of this morning
	private static void append(DelegateExecution execution, String variable, String line) {
		String before = (String) execution.getVariable(variable);
		execution.setVariable(variable, (before == null || before.isEmpty()) ? line : before + "\n" + line);
	}

}
