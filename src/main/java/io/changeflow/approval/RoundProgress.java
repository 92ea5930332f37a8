package io.changeflow.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/** The approval rounds of standard, normal and emergency changes: decisions and the slots still to fill. */
@Component
class RoundProgress implements ApprovalProgress {

	private final ApprovalRound round;

	private final ApprovalSlots slots;

	RoundProgress(ApprovalRound round, ApprovalSlots slots) {
		this.round = round;
		this.slots = slots;
	}

	@Override
	public boolean covers(String category) {
		return Set.of("standard", "normal", "emergency").contains(category);
	}

	@Override
	public Progress read(Map<String, Object> variables) {
		var decisions = round.parse(variables.get(ApprovalRound.APPROVALS))
			.stream()
			.map(approval -> new Decision(approval.user(), SlotLabels.of(approval.slot()), approval.decision().value,
					approval.at(), approval.comment()))
			.toList();
		var required = new ArrayList<String>();
		for (ApprovalStage stage : ApprovalStage.values()) {
			Object stageSlots = variables.get(stage.slotsVariable);
			if (stageSlots != null) {
				slots.of(stageSlots.toString()).forEach(slot -> required.add(label(stage) + ": " + SlotLabels.of(slot)));
			}
		}
		return new Progress(decisions, List.copyOf(required));
	}

	private static String label(ApprovalStage stage) {
		return switch (stage) {
			case REVIEW -> "review";
			case CAB -> "CAB";
			case EMERGENCY -> "emergency approval";
		};
	}

}
