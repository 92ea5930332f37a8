package io.changeflow.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the action log reads in the process variable {@code actionLog}, which holds at most 4000 characters. */
class ActionLogTests {

	private static final Instant NINE = Instant.parse("2026-11-21T09:00:00Z");

	@Test
	void entriesReadOldestFirstOnePerLine() {
		assertThat(ActionLog.render("CHG-1", List.of(entry(0, "leo", "Drained validator 3"),
				entry(60, "olivia", "Paged the node team"))))
			.isEqualTo("2026-11-21T09:00:00Z leo: Drained validator 3\n2026-11-21T09:01:00Z olivia: Paged the node team");
	}

	@Test
	void aFullVariableKeepsTheNewestEntriesAndPointsToTheApiForTheOthers() {
		var entries = new ArrayList<ActionLogEntry>();
		for (int i = 0; i < 40; i++) {
			entries.add(entry(i * 60, "leo", i + " " + "x".repeat(200)));
		}

		String rendered = ActionLog.render("CHG-1", entries);

		assertThat(rendered.length()).isLessThanOrEqualTo(4000);
		assertThat(rendered).startsWith("(2").contains(" earlier entries: GET /api/changes/CHG-1/actions)\n");
		assertThat(rendered).endsWith("leo: 39 " + "x".repeat(200)).doesNotContain("leo: 0 ");
	}

	@Test
	void noEntriesReadAsNothing() {
		assertThat(ActionLog.render("CHG-1", List.of())).isEmpty();
	}

	private static ActionLogEntry entry(int seconds, String author, String text) {
		return new ActionLogEntry("id-" + seconds, "CHG-1", NINE.plusSeconds(seconds), author, text);
	}

}
