package io.changeflow.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/** POL-CM-001 §8: every year from start to end (inclusive) only emergency changes may run. */
@Component
class HolidayFreeze implements FreezeSource {

	private final HolidayFreezeProperties properties;

	HolidayFreeze(HolidayFreezeProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<Freeze> freezesOverlapping(Instant from, Instant to) {
		// the freeze starting the year before `from` may still be running when it spans the new year
		int firstYear = from.atZone(this.properties.zone()).getYear() - 1;
		int lastYear = to.atZone(this.properties.zone()).getYear();
		List<Freeze> freezes = new ArrayList<>();
		for (int year = firstYear; year <= lastYear; year++) {
			Freeze freeze = startingIn(year);
			if (freeze.start().isBefore(to) && freeze.end().isAfter(from)) {
				freezes.add(freeze);
			}
		}
		return freezes;
	}

	private Freeze startingIn(int year) {
		LocalDate first = this.properties.start().atYear(year);
		LocalDate last = this.properties.end().atYear(year);
		if (last.isBefore(first)) {
			last = this.properties.end().atYear(year + 1);
		}
		return Freeze.holiday(first.atStartOfDay(this.properties.zone()).toInstant(),
				last.plusDays(1).atStartOfDay(this.properties.zone()).toInstant());
	}

}
