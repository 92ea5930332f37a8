package io.changeflow.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.changeflow.approval.ApprovalProgress;
import org.springframework.stereotype.Component;

/** A runtime upgrade's approval is its validator vote: the votes cast and the 2/3 threshold of all validators. */
@Component
class VoteProgress implements ApprovalProgress {

	private final Votes votes;

	VoteProgress(Votes votes) {
		this.votes = votes;
	}

	@Override
	public boolean covers(String category) {
		return "runtime-upgrade".equals(category);
	}

	@Override
	public Progress read(Map<String, Object> variables) {
		List<String> validators = votes.validators(variables.get(Votes.VALIDATORS));
		if (validators.isEmpty()) {
			return Progress.NONE;
		}
		var decisions = votes.parse(variables.get(Votes.VOTES))
			.stream()
			.map(vote -> new Decision(vote.validator(), "validator", vote.vote(), Instant.parse(vote.at()),
					vote.comment()))
			.toList();
		int threshold = new VoteTally(validators.size(), 0, 0).threshold();
		return new Progress(decisions,
				List.of(threshold + " ayes of all " + validators.size() + " validators (2/3)"));
	}

}
