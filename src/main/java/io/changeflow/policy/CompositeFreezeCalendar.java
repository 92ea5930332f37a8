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

	private static final Comparator<Freeze> BY_START = Comparator.comparing(Freeze::start)
		.thenComparing(Freeze::end);

	private final List<FreezeSource> sources;

	CompositeFreezeCalendar(List<FreezeSource> sources) {
		this.sources = List.copyOf(sources);
	}

	@Override
	public Optional<Freeze> blockingFreezeAt(Instant at, ChangeContext change) {
		return blocking(at, at.plusNanos(1), change).max(Comparator.comparing(Freeze::end));
	}

	@Override
	public List<Freeze> blockingFreezesStartingBetween(Instant from, Instant to, ChangeContext change) {
		return blocking(from, to, change).filter((freeze) -> !freeze.start().isBefore(from)).sorted(BY_START).toList();
	}

	@Override
	public List<Freeze> freezesOverlapping(Instant from, Instant to) {
		return overlapping(from, to).sorted(BY_START).toList();
	}

	private Stream<Freeze> blocking(Instant from, Instant to, ChangeContext change) {
		return overlapping(from, to).filter((freeze) -> freeze.blocks(change));
	}

	private Stream<Freeze> overlapping(Instant from, Instant to) {
		return this.sources.stream().flatMap((source) -> source.freezesOverlapping(from, to).stream());
	}

}
