package io.changeflow.calendar;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import io.changeflow.calendar.CalendarEntry.Kind;
import io.changeflow.policy.Booking;
import io.changeflow.policy.DeploymentBookings;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.DeploymentWindows;
import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeCalendar;
import io.changeflow.policy.FreezeScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class PolicyCalendarEntriesTests {

	private static final Freeze LAUNCH = new Freeze("f-1", Freeze.Kind.DECLARED, "Mainnet launch",
			at("2027-02-01T12:00:00Z"), at("2027-02-02T12:00:00Z"), "Launch day",
			new FreezeScope(Set.of("quantumharmony-node"), Set.of()), null);

	private static final Booking ROTATE = new Booking("c-7", "Rotate TLS certificates", "changeflow", "production",
			at("2027-02-01T02:00:00Z"), at("2027-02-01T06:00:00Z"), DeploymentWindow.LOW_TRAFFIC);

	private final FreezeCalendar freezes = mock(FreezeCalendar.class);

	private final DeploymentBookings bookings = mock(DeploymentBookings.class);

	private final DeploymentWindows windows = mock(DeploymentWindows.class);

	private final PolicyCalendarEntries entries = new PolicyCalendarEntries(this.freezes, this.bookings, this.windows);

	PolicyCalendarEntriesTests() {
		given(this.freezes.freezesOverlapping(any(), any())).willReturn(List.of(LAUNCH));
		given(this.bookings.overlapping(any(), any())).willReturn(List.of(ROTATE));
		// configured hours, not the seeds' defaults: the page follows the configuration
		given(this.windows.opens(DeploymentWindow.LOW_TRAFFIC)).willReturn(LocalTime.of(1, 0));
		given(this.windows.closes(DeploymentWindow.LOW_TRAFFIC)).willReturn(LocalTime.of(5, 0));
		given(this.windows.opens(DeploymentWindow.BUSINESS_HOURS)).willReturn(LocalTime.of(13, 0));
		given(this.windows.closes(DeploymentWindow.BUSINESS_HOURS)).willReturn(LocalTime.of(17, 0));
		given(this.windows.label(DeploymentWindow.LOW_TRAFFIC)).willReturn("Low-traffic window 01:00–05:00 UTC");
		given(this.windows.label(DeploymentWindow.BUSINESS_HOURS)).willReturn("Business-hours window 13:00–17:00 UTC");
	}

	@Test
	void freezesSayWhoMayStillDeployAndWhere() {
		assertThat(only(Kind.FREEZE)).singleElement()
			.isEqualTo(new CalendarEntry(Kind.FREEZE, "Mainnet launch", "Still allowed: emergency only; applies to "
					+ "quantumharmony-node/all environments; reason: Launch day", LAUNCH.start(), LAUNCH.end(),
					null));
	}

	@Test
	void bookedChangesShowServiceEnvironmentWindowAndALinkToCockpit() {
		assertThat(only(Kind.CHANGE)).singleElement()
			.isEqualTo(new CalendarEntry(Kind.CHANGE, "Rotate TLS certificates",
					"changeflow in production, Low-traffic window 01:00–05:00 UTC (change c-7)", ROTATE.start(),
					ROTATE.end(), "/camunda/app/cockpit/default/#/process-instance/c-7"));
	}

	@Test
	void eachDayHasTheConfiguredWindows() {
		assertThat(only(Kind.WINDOW)).extracting(CalendarEntry::title, CalendarEntry::start, CalendarEntry::end)
			.containsExactly(tuple("Low-traffic", at("2027-02-01T01:00:00Z"), at("2027-02-01T05:00:00Z")),
					tuple("Business hours", at("2027-02-01T13:00:00Z"), at("2027-02-01T17:00:00Z")),
					tuple("Low-traffic", at("2027-02-02T01:00:00Z"), at("2027-02-02T05:00:00Z")),
					tuple("Business hours", at("2027-02-02T13:00:00Z"), at("2027-02-02T17:00:00Z")));
		assertThat(only(Kind.WINDOW).get(0).detail()).isEqualTo("Low-traffic window 01:00–05:00 UTC, for significant, high and "
				+ "critical risk changes and changes that need a maintenance window");
	}

	private List<CalendarEntry> only(Kind kind) {
		return this.entries.between(at("2027-02-01T00:00:00Z"), at("2027-02-03T00:00:00Z"))
			.stream()
			.filter((entry) -> entry.kind() == kind)
			.toList();
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
