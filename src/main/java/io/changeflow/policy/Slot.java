package io.changeflow.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A planned execution slot; {@code end} is exclusive. {@code reasons} explain every
 * planning decision, for the change record and the people approving it.
 */
public record Slot(Instant start, Instant end, DeploymentWindow window, List<String> reasons) {

	public Slot {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		Objects.requireNonNull(window, "window");
		reasons = List.copyOf(reasons);
	}

}
