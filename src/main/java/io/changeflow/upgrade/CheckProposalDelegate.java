package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check proposal": runs in the transaction that submits the proposal (start form or "Revise proposal"), so an
 * invalid proposal is refused and nothing is started or completed.
 */
@Component
class CheckProposalDelegate implements JavaDelegate {

	private final RuntimeUpgradeProposals proposals;

	CheckProposalDelegate(RuntimeUpgradeProposals proposals) {
		this.proposals = proposals;
	}

	@Override
	public void execute(DelegateExecution execution) {
		proposals.check(execution);
	}

}
