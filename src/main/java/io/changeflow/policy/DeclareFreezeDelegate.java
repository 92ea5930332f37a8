package io.changeflow.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Declare freeze" of the Tasklist process: runs in the starting transaction, so a refused freeze starts nothing and
 * the form shows every problem.
 */
@Component
class DeclareFreezeDelegate implements JavaDelegate {

	private final FreezeRegistry registry;

	DeclareFreezeDelegate(FreezeRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> problems = new ArrayList<>();
		Instant start = instant(execution, "start", problems);
		Instant end = instant(execution, "end", problems);
		if (!problems.isEmpty()) {
			throw new PolicyViolationException(problems);
		}
		Freeze freeze = this.registry.declare(new DeclareFreeze(text(execution, "name"), text(execution, "reason"),
				start, end, names(execution, "services"), names(execution, "environments")),
				text(execution, "declaredBy"));
		execution.setVariable("freezeId", freeze.id());
	}

	// a missing date is the registry's to report, with the others
	private static Instant instant(DelegateExecution execution, String variable, List<String> problems) {
		Object value = execution.getVariable(variable);
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		try {
			return Utc.parse(value);
		}
		catch (IllegalArgumentException ex) {
			problems.add(variable + ": " + ex.getMessage());
			return null;
		}
	}

	private static String text(DelegateExecution execution, String variable) {
		return Objects.toString(execution.getVariable(variable), null);
	}

	/** The form's text field: names separated by commas or blanks; empty means all. */
	private static Set<String> names(DelegateExecution execution, String variable) {
		String value = text(execution, variable);
		if (value == null) {
			return Set.of();
		}
		return Arrays.stream(value.split("[,\\s]+"))
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toSet());
	}

}
