package io.changeflow.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The freeze calendar: every {@link FreezeSource} bean combined. */
@Primary
@Component
public class CompositeFreezeCalendar implements FreezeCalendar {

	private final List<FreezeSource> sources;

	CompositeFreezeCalendar(List<FreezeSource> sources) {
		this.sources = List.copyOf(sources);
	}

	@Override
	public Optional<Freeze> blockingFreezeAt(Instant at, ChangeContext change) {
		return overlapping(at, at.plusNanos(1), change).max(Comparator.comparing(Freeze::end));
	}

	@Override
	public List<Freeze> blockingFreezesStartingBetween(Instant from, Instant to, ChangeContext change) {
		return overlapping(from, to, change).filter((freeze) -> !freeze.start().isBefore(from))
			.sorted(Comparator.comparing(Freeze::start))
			.toList();
	}

	private Stream<Freeze> overlapping(Instant from, Instant to, ChangeContext change) {
		return this.sources.stream().flatMap((source) -> source.blockingFreezesOverlapping(from, to, change).stream());
	}

}
