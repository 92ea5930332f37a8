package io.changeflow.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeFreezeCalendarTests {

	private static final ChangeContext NORMAL = new ChangeContext("normal", Set.of());

	private static final Freeze SHORT = freeze("Short", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");

	private static final Freeze LONG = freeze("Long", "2026-02-28T00:00:00Z", "2026-03-05T00:00:00Z");

	private static final Freeze LATER = freeze("Later", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");

	private final CompositeFreezeCalendar calendar = new CompositeFreezeCalendar(
			List.of(fixed(SHORT, LATER), fixed(LONG)));

	@Test
	void freezeInForceIsTheOneEndingLatestAcrossSources() {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-03-01T12:00:00Z"), NORMAL)).contains(LONG);
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-03-04T12:00:00Z"), NORMAL)).contains(LONG);
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-03-05T00:00:00Z"), NORMAL)).isEmpty();
	}

	@Test
	void freezesStartingInRangeAreMergedAndOrderedByStart() {
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-02-01T00:00:00Z"),
				Instant.parse("2026-04-01T00:00:00Z"), NORMAL))
			.containsExactly(LONG, SHORT, LATER);
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-03-01T00:00:00Z"),
				Instant.parse("2026-03-10T00:00:00Z"), NORMAL))
			.containsExactly(SHORT);
	}

	@Test
	void noSourcesMeansNoFreezes() {
		CompositeFreezeCalendar empty = new CompositeFreezeCalendar(List.of());
		assertThat(empty.blockingFreezeAt(Instant.parse("2026-03-01T12:00:00Z"), NORMAL)).isEmpty();
		assertThat(empty.blockingFreezesStartingBetween(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z"), NORMAL))
			.isEmpty();
	}

	/** A source with fixed freezes that block every change. */
	static FreezeSource fixed(Freeze... freezes) {
		return (from, to, change) -> List.of(freezes)
			.stream()
			.filter((freeze) -> freeze.start().isBefore(to) && freeze.end().isAfter(from))
			.toList();
	}

	static Freeze freeze(String name, String start, String end) {
		return new Freeze(name, Instant.parse(start), Instant.parse(end), "test");
	}

}
