package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/** Every task and call activity of the change processes and their shared steps puts the change in a known phase. */
class ChangePhasesTests {

	/** The emergency documents its actions alongside the fix and its approval: no phase of its own. */
	static final Set<String> ALONGSIDE = Set.of("DocumentActions");

	@Test
	void everyStepOfAChangeHasAPhase() {
		var unmapped = new ArrayList<String>();
		for (File model : new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
			var bpmn = Bpmn.readModelFromFile(model);
			for (Process process : bpmn.getModelElementsByType(Process.class)) {
				// the metrics report is about changes, not one itself
				if (!process.getId().startsWith("change-") || process.getId().equals("change-report")) {
					continue;
				}
				for (Activity activity : process.getChildElementsByType(Activity.class)) {
					if (!ALONGSIDE.contains(activity.getId()) && ChangePhases.of(activity.getId()).isEmpty()) {
						unmapped.add(process.getId() + "/" + activity.getId());
					}
				}
			}
		}
		assertThat(unmapped).as("steps without a phase in ChangePhases").isEmpty();
	}

	@Test
	void phasesAreOrderedAndOnlyEarlyOnesMayBeWithdrawn() {
		assertThat(List.of(ChangePhase.values()).stream().filter(ChangePhase::beforeImplementation))
			.containsExactly(ChangePhase.REQUESTED, ChangePhase.IN_REVIEW, ChangePhase.AWAITING_CAB,
					ChangePhase.SCHEDULED);
		assertThat(ChangePhase.parse("awaiting-cab")).contains(ChangePhase.AWAITING_CAB);
		assertThat(ChangePhase.parse("awaiting CAB")).isEmpty();
	}

}
