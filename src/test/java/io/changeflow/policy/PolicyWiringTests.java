package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PolicyConfiguration.class, HolidayFreeze.class, CompositeFreezeCalendar.class)
		.withBean(DeploymentBookings.class, InMemoryBookings::new)
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
							ChangeContext.of("standard"));
				assertThat(slot.start()).isEqualTo(Instant.parse("2026-07-04T02:00:00Z"));
			});
	}

	@Test
	void defaultsAreThePolicySeeds() {
		this.runner.run((context) -> {
			DeploymentWindows windows = context.getBean(DeploymentWindows.class);
			assertThat(windows.label(DeploymentWindow.LOW_TRAFFIC)).isEqualTo("Low-traffic window 02:00–06:00 UTC");
			assertThat(windows.label(DeploymentWindow.BUSINESS_HOURS))
				.isEqualTo("Business-hours window 14:00–18:00 UTC");
			assertThat(windows.label(DeploymentWindow.ANY_TIME)).isEqualTo("Any time (24/7)");
			ServiceCatalog catalog = context.getBean(ServiceCatalog.class);
			assertThat(catalog.services()).containsExactly("heliosdb-lite", "quantumharmony-node",
					"quantumharmony-runtime", "changeflow");
			assertThat(catalog.environments()).containsExactly("production", "staging", "testnet");
			PolicyProperties properties = context.getBean(PolicyProperties.class);
			assertThat(properties.postIncidentFreeze()).isEqualTo(Duration.ofHours(48));
			assertThat(properties.lookahead()).isEqualTo(Duration.ofDays(90));
			assertThat(properties.anyTimeSlot()).isEqualTo(Duration.ofHours(4));
			LeadTimes leadTimes = context.getBean(LeadTimes.class);
			assertThat(leadTimes.escalateAfter()).isEqualTo(Duration.ofDays(1));
			assertThat(leadTimes.expireAfter()).isEqualTo(Duration.ofDays(30));
		});
	}

	@ParameterizedTest(name = "{0}: {1} days")
	@CsvSource({ "DOCUMENTATION, 1", "BUG_FIX, 1", "TEST_ADDITION, 1", "CONFIGURATION, 1", "DEPENDENCY_MINOR, 2",
			"FEATURE, 5", "PERFORMANCE, 3", "DEPENDENCY_MAJOR, 5", "BREAKING_API, 14", "SECURITY, 7",
			"CRYPTOGRAPHIC, 7", "ARCHITECTURE, 28", "APPLICATION_CODE, 5", "PALLET_CODE, 5", "INFRASTRUCTURE, 5" })
	void leadTimesDefaultToTheUpperBoundOfEachSeedRange(ChangeType type, int days) {
		this.runner.run((context) -> assertThat(context.getBean(LeadTimes.class).leadTime(type))
			.isEqualTo(Duration.ofDays(days)));
	}

	@Test
	void valuesAreConfigurable() {
		this.runner
			.withPropertyValues("changeflow.policy.lead-times.feature=P3D", "changeflow.policy.escalate-after=PT12H",
					"changeflow.policy.expire-after=P60D", "changeflow.policy.windows.low-traffic.opens=01:00",
					"changeflow.policy.windows.low-traffic.closes=05:30", "changeflow.policy.services=a,b",
					"changeflow.policy.environments=prod", "changeflow.policy.lookahead=P10D")
			.run((context) -> {
				LeadTimes leadTimes = context.getBean(LeadTimes.class);
				assertThat(leadTimes.leadTime(ChangeType.FEATURE)).isEqualTo(Duration.ofDays(3));
				assertThat(leadTimes.leadTime(ChangeType.ARCHITECTURE)).isEqualTo(Duration.ofDays(28));
				assertThat(leadTimes.escalateAfter()).isEqualTo(Duration.ofHours(12));
				assertThat(leadTimes.expireAfter()).isEqualTo(Duration.ofDays(60));
				DeploymentWindows windows = context.getBean(DeploymentWindows.class);
				assertThat(windows.label(DeploymentWindow.LOW_TRAFFIC)).isEqualTo("Low-traffic window 01:00–05:30 UTC");
				assertThat(windows.label(DeploymentWindow.BUSINESS_HOURS))
					.isEqualTo("Business-hours window 14:00–18:00 UTC");
				assertThat(context.getBean(ServiceCatalog.class).services()).containsExactly("a", "b");
				assertThat(context.getBean(ServiceCatalog.class).environments()).containsExactly("prod");
				assertThat(context.getBean(SlotPlanner.class)
					.nextSlots(Instant.parse("2026-06-10T00:00:00Z"), DeploymentWindow.LOW_TRAFFIC,
							ChangeContext.of("normal"), 50))
					.hasSize(10)
					.first()
					.extracting(Slot::start)
					.isEqualTo(Instant.parse("2026-06-10T01:00:00Z"));
			});
	}

	@Test
	void aWindowThatNeverOpensFailsStartup() {
		assertStartupFails(List.of("changeflow.policy.windows.business-hours.opens=14:00",
				"changeflow.policy.windows.business-hours.closes=14:00"),
				"changeflow.policy.windows.business-hours never opens: opens and closes are both 14:00");
	}

	@Test
	void anInvertedWindowFailsStartupBecauseWindowsDoNotCrossMidnight() {
		assertStartupFails(List.of("changeflow.policy.windows.low-traffic.opens=22:00",
				"changeflow.policy.windows.low-traffic.closes=02:00"),
				"changeflow.policy.windows.low-traffic is inverted: closes 02:00 before it opens 22:00;"
						+ " windows across midnight are not supported");
	}

	@Test
	void aWindowNeedsBothHoursAndAnyTimeHasNone() {
		assertStartupFails(List.of("changeflow.policy.windows.low-traffic.opens=01:00"),
				"changeflow.policy.windows.low-traffic needs both opens and closes");
		assertStartupFails(List.of("changeflow.policy.windows.any-time.opens=01:00",
				"changeflow.policy.windows.any-time.closes=02:00"),
				"changeflow.policy.windows.any-time: the any-time window has no hours");
	}

	@Test
	void anUnknownChangeTypeInLeadTimesFailsStartup() {
		assertStartupFails(List.of("changeflow.policy.lead-times.hotfix=P1D"),
				"changeflow.policy.lead-times.hotfix: unknown change type; known: documentation, configuration,");
	}

	@Test
	void nonPositiveDurationsFailStartup() {
		assertStartupFails(List.of("changeflow.policy.lead-times.feature=PT0S"),
				"changeflow.policy.lead-times.feature must be a positive duration, was PT0S");
		assertStartupFails(List.of("changeflow.policy.lead-times.feature=-P1D"),
				"changeflow.policy.lead-times.feature must be a positive duration, was PT-24H");
		assertStartupFails(List.of("changeflow.policy.lookahead=P0D"),
				"changeflow.policy.lookahead must be a positive duration, was PT0S");
		assertStartupFails(List.of("changeflow.policy.escalate-after=-PT1H"),
				"changeflow.policy.escalate-after must be a positive duration, was PT-1H");
	}

	@Test
	void aCatalogueNameThatCannotBeStoredFailsStartup() {
		assertStartupFails(List.of("changeflow.policy.services[0]=payments api"),
				"changeflow.policy.services: 'payments api' is not a name");
		assertStartupFails(List.of("changeflow.policy.environments=prod,prod"),
				"changeflow.policy.environments names one twice: [prod, prod]");
	}

	private void assertStartupFails(List<String> properties, String message) {
		this.runner.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining(message));
	}

}
