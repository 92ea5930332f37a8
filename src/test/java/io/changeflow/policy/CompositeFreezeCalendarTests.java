package io.changeflow.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeFreezeCalendarTests {

	private static final ChangeContext NORMAL = ChangeContext.of("normal");

	private static final Freeze SHORT = freeze("Short", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");

	private static final Freeze LONG = freeze("Long", "2026-02-28T00:00:00Z", "2026-03-05T00:00:00Z");

	private static final Freeze LATER = freeze("Later", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");

	private static final Freeze PAYMENTS = new Freeze("f-payments", Freeze.Kind.DECLARED, "Payments",
			Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-20T00:00:00Z"), "test",
			new FreezeScope(Set.of("heliosdb-lite"), Set.of("production")), null);

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
	void onlyFreezesThatBlockTheChangeAreAnswered() {
		CompositeFreezeCalendar calendar = new CompositeFreezeCalendar(List.of(fixed(PAYMENTS)));
		Instant inside = Instant.parse("2026-03-02T00:00:00Z");
		assertThat(calendar.blockingFreezeAt(inside, context("heliosdb-lite", "production"))).contains(PAYMENTS);
		assertThat(calendar.blockingFreezeAt(inside, context("heliosdb-lite", "staging"))).isEmpty();
		assertThat(calendar.blockingFreezeAt(inside, context("changeflow", "production"))).isEmpty();
		assertThat(calendar.blockingFreezeAt(inside, ChangeContext.of("emergency"))).isEmpty();
		assertThat(calendar.blockingFreezesStartingBetween(Instant.parse("2026-02-01T00:00:00Z"),
				Instant.parse("2026-04-01T00:00:00Z"), context("changeflow", "production")))
			.isEmpty();
	}

	@Test
	void listingShowsEveryFreezeWhateverItBlocks() {
		CompositeFreezeCalendar calendar = new CompositeFreezeCalendar(List.of(fixed(LATER, PAYMENTS), fixed(LONG)));
		assertThat(calendar.freezesOverlapping(Instant.parse("2026-03-01T00:00:00Z"),
				Instant.parse("2026-03-10T00:00:01Z")))
			.containsExactly(LONG, PAYMENTS, LATER);
	}

	@Test
	void noSourcesMeansNoFreezes() {
		CompositeFreezeCalendar empty = new CompositeFreezeCalendar(List.of());
		assertThat(empty.blockingFreezeAt(Instant.parse("2026-03-01T12:00:00Z"), NORMAL)).isEmpty();
		assertThat(empty.blockingFreezesStartingBetween(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z"), NORMAL))
			.isEmpty();
		assertThat(empty.freezesOverlapping(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z")))
			.isEmpty();
	}

	/** A source with fixed freezes. */
	static FreezeSource fixed(Freeze... freezes) {
		return (from, to) -> List.of(freezes)
			.stream()
			.filter((freeze) -> freeze.start().isBefore(to) && freeze.end().isAfter(from))
			.toList();
	}

	/** A declared freeze of everything, with whole-day bounds shown as dates. */
	static Freeze freeze(String name, String start, String end) {
		return new Freeze("id-" + name, Freeze.Kind.DECLARED, name, Instant.parse(start), Instant.parse(end), "test",
				FreezeScope.ALL, null);
	}

	static ChangeContext context(String service, String environment) {
		return new ChangeContext("normal", null, service, environment, Set.of());
	}

}
