package io.changeflow.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PolicyConfiguration.class, HolidayFreeze.class, CompositeFreezeCalendar.class,
				SlotPlanner.class)
		.withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void holidayFreezeDefaultsToPolicyDates() {
		this.runner.run((context) -> assertThat(context.getBean(HolidayFreezeProperties.class))
			.isEqualTo(new HolidayFreezeProperties(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneId.of("UTC"))));
	}

	@Test
	void holidayFreezeDatesAreConfigurable() {
		this.runner
			.withPropertyValues("changeflow.policy.holiday-freeze.start=07-01",
					"changeflow.policy.holiday-freeze.end=07-03", "changeflow.policy.holiday-freeze.zone=Europe/Berlin")
			.run((context) -> assertThat(context.getBean(HolidayFreezeProperties.class)).isEqualTo(
					new HolidayFreezeProperties(MonthDay.of(7, 1), MonthDay.of(7, 3), ZoneId.of("Europe/Berlin"))));
	}

	@Test
	void plannerUsesTheCompositeOfAllFreezeSources() {
		this.runner.withPropertyValues("changeflow.policy.holiday-freeze.start=07-01",
				"changeflow.policy.holiday-freeze.end=07-03")
			.run((context) -> {
				assertThat(context.getBean(FreezeCalendar.class)).isInstanceOf(CompositeFreezeCalendar.class);
				Slot slot = context.getBean(SlotPlanner.class)
					.earliestSlot(Instant.parse("2026-07-02T10:00:00Z"), DeploymentWindow.LOW_TRAFFIC,
							new ChangeContext("standard", Set.of()));
				assertThat(slot.start()).isEqualTo(Instant.parse("2026-07-04T02:00:00Z"));
			});
	}

}
