package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StringVariablesTests {

	@Test
	void shortListsAreJoinedWhole() {
		assertThat(StringVariables.joinWithin(List.of("Requested now", "Any time (24/7)")))
			.isEqualTo("Requested now\nAny time (24/7)");
	}

	@Test
	void aListThatFitsExactlyIsNotCut() {
		String line = "x".repeat(1999);
		assertThat(StringVariables.joinWithin(List.of(line, line))).hasSize(3999).doesNotContain("more");
	}

	@Test
	void linesThatDoNotFitAreCountedInsteadOfFailingTheStep() {
		List<String> conflicts = IntStream.range(0, 80)
			.mapToObj(i -> "Conflicts with CHG-2026-%04d 'Bump serde' on changeflow/production: moved on".formatted(i))
			.toList();

		String joined = StringVariables.joinWithin(conflicts);

		assertThat(joined).hasSizeLessThanOrEqualTo(StringVariables.MAX_LENGTH)
			.startsWith(conflicts.get(0))
			.endsWith(" more in the audit trail");
		int kept = joined.split("\n").length - 1;
		assertThat(joined).endsWith("… " + (conflicts.size() - kept) + " more in the audit trail");
	}

	@Test
	void oneHugeLineLeavesOnlyTheCount() {
		assertThat(StringVariables.joinWithin(Collections.nCopies(2, "y".repeat(5000))))
			.isEqualTo("… 2 more in the audit trail");
	}

}
