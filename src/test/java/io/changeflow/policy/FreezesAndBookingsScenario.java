package io.changeflow.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stored half of the policy against a real database and engine clock: declared and post-incident freezes,
 * bookings, and what the calendar and planner make of them. Subclasses choose the database.
 */
@RecordApplicationEvents
abstract class FreezesAndBookingsScenario {

	static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	private static final ChangeContext HELIOS_PRODUCTION = new ChangeContext("normal", "CHG-1", "heliosdb-lite",
			"production", Set.of());

	@Autowired
	FreezeRegistry registry;

	@Autowired
	FreezeCalendar calendar;

	@Autowired
	SlotPlanner planner;

	@Autowired
	DeploymentBookings bookings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void setClock() {
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	// the context, and so the database, is shared with other test classes whose changes must not meet these freezes
	@AfterEach
	void cleanUp() {
		ClockUtil.reset();
		this.jdbc.sql("delete from cf_freeze").update();
		this.jdbc.sql("delete from cf_booking").update();
	}

	@Test
	void aDeclaredFreezeBlocksChangesInItsScopeThroughTheCalendarAndPlanner() {
		Freeze launch = this.registry.declare(launch("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z"), "demo");

		assertThat(launch.id()).isNotBlank();
		assertThat(launch.kind()).isEqualTo(Freeze.Kind.DECLARED);
		assertThat(this.registry.get(launch.id())).isEqualTo(launch);
		assertThat(this.events.stream(FreezeDeclared.class)).containsExactly(new FreezeDeclared(launch));
		Instant inside = at("2026-12-02T03:00:00Z");
		assertThat(this.calendar.blockingFreezeAt(inside, HELIOS_PRODUCTION)).contains(launch);
		assertThat(this.calendar.blockingFreezeAt(inside, change("heliosdb-lite", "staging"))).isEmpty();
		assertThat(this.calendar.blockingFreezeAt(inside, ChangeContext.of("emergency"))).isEmpty();
		assertThat(this.calendar.freezesOverlapping(at("2026-11-21T00:00:00Z"), at("2027-01-01T00:00:00Z")))
			.extracting(Freeze::kind)
			.containsExactly(Freeze.Kind.DECLARED, Freeze.Kind.HOLIDAY);
		assertThat(this.registry.list(at("2026-11-21T00:00:00Z"), at("2027-01-01T00:00:00Z"))).containsExactly(launch);

		Slot slot = this.planner.earliestSlot(at("2026-12-01T00:00:00Z"), DeploymentWindow.LOW_TRAFFIC,
				HELIOS_PRODUCTION);
		assertThat(slot.start()).isEqualTo(at("2026-12-03T02:00:00Z"));
		assertThat(slot.reasons()).contains("Freeze 'Mainnet launch' 2026-12-01 – 2026-12-02 on"
				+ " heliosdb-lite/production (emergency only): moved to 2026-12-03T02:00Z");
	}

	@Test
	void everyProblemOfADeclarationIsNamedAndNothingIsStored() {
		assertRefused(new DeclareFreeze(" ", null, null, null, Set.of("payments-api"), Set.of("prod", " ")), null,
				"name is required", "reason is required",
				"a freeze must be declared or ended by an authenticated user",
				"unknown service 'payments-api'; known: heliosdb-lite, quantumharmony-node, quantumharmony-runtime,"
						+ " changeflow",
				"unknown environment 'prod'; known: production, staging, testnet", "a environment name is blank",
				"start is required", "end is required");
		assertRefused(launch("2026-12-03T00:00:00Z", "2026-12-01T00:00:00Z"), "demo",
				"end 2026-12-01T00:00Z is not after start 2026-12-03T00:00Z (inverted period)");
		assertRefused(launch("2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z"), "demo",
				"end 2026-11-20T00:00Z is in the past (now 2026-11-21T09:00Z)");
		assertRefused(new DeclareFreeze("x".repeat(201), "Launch", at("2026-12-01T00:00:00Z"),
				at("2026-12-03T00:00:00Z"), Set.of(), Set.of()), "demo", "name is longer than 200 characters");
	}

	@Test
	void aDeclaredFreezeMustNotOverlapAnotherWhoseScopeOverlaps() {
		Freeze launch = this.registry.declare(launch("2026-12-01T00:00:00Z", "2026-12-05T00:00:00Z"), "demo");

		assertRefused(new DeclareFreeze("Audit", "Auditors on site", at("2026-12-04T00:00:00Z"),
				at("2026-12-06T00:00:00Z"), Set.of("heliosdb-lite"), Set.of()), "demo",
				"overlaps Freeze 'Mainnet launch' 2026-12-01 – 2026-12-04 on heliosdb-lite/production (emergency only)"
						+ " (id " + launch.id() + "); end that freeze first or choose another period or scope");
		// elsewhere, or once the other freeze has ended, it may
		Freeze staging = this.registry.declare(new DeclareFreeze("Audit", "Auditors on site",
				at("2026-12-04T00:00:00Z"), at("2026-12-06T00:00:00Z"), Set.of("heliosdb-lite"), Set.of("staging")),
				"demo");
		this.registry.end(launch.id(), "demo");
		Freeze later = this.registry.declare(launch("2026-12-04T00:00:00Z", "2026-12-06T00:00:00Z"), "demo");
		assertThat(this.registry.list(at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).containsExactly(staging,
				later);
	}

	@Test
	void aPostIncidentFreezeLetsOnlyRelatedFixesThroughFor48Hours() {
		Freeze freeze = this.registry.declarePostIncident("INC-42", NOW, "Database outage", "demo");

		assertThat(freeze).isEqualTo(new Freeze(freeze.id(), Freeze.Kind.POST_INCIDENT, "Post-incident freeze INC-42",
				NOW, NOW.plus(Duration.ofHours(48)), "Database outage", FreezeScope.ALL, "INC-42"));
		assertThat(this.events.stream(FreezeDeclared.class)).containsExactly(new FreezeDeclared(freeze));
		Instant inside = NOW.plus(Duration.ofHours(47));
		assertThat(this.calendar.blockingFreezeAt(inside, HELIOS_PRODUCTION)).contains(freeze);
		assertThat(this.calendar.blockingFreezeAt(inside,
				new ChangeContext("normal", "CHG-2", "heliosdb-lite", "production", Set.of("INC-42"))))
			.isEmpty();
		assertThat(this.calendar.blockingFreezeAt(NOW.plus(Duration.ofHours(48)), HELIOS_PRODUCTION)).isEmpty();
		// a declared freeze may coincide with it: they allow different changes
		this.registry.declare(launch("2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"), "demo");
	}

	@Test
	void everyProblemOfAPostIncidentFreezeIsNamedAndNothingIsStored() {
		Freeze first = this.registry.declarePostIncident("INC-42", NOW, "Database outage", "demo");

		assertPostIncidentRefused("INC-42", NOW, "Again", "demo",
				"incident INC-42 already has a post-incident freeze: Post-incident freeze INC-42 2026-11-21T09:00Z –"
						+ " 2026-11-23T09:00Z (related fixes only) (id " + first.id() + ")");
		assertPostIncidentRefused("INC-43", at("2026-11-18T09:00:00Z"), "Old outage", "demo",
				"the post-incident freeze would end 2026-11-20T09:00Z (declaredAt 2026-11-18T09:00Z + PT48H),"
						+ " which is in the past (now 2026-11-21T09:00Z)");
		assertPostIncidentRefused(" ", null, "", null, "incident is required", "summary is required",
				"a freeze must be declared or ended by an authenticated user", "declaredAt is required");
		assertThat(this.events.stream(FreezeDeclared.class)).hasSize(1);
	}

	@Test
	void endingAFreezeLiftsItNowAndOnlyOnce() {
		Freeze launch = this.registry.declare(launch("2026-11-21T00:00:00Z", "2026-11-25T00:00:00Z"), "demo");
		Instant later = NOW.plus(Duration.ofHours(1));
		ClockUtil.setCurrentTime(Date.from(later));

		Freeze ended = this.registry.end(launch.id(), "demo");

		assertThat(ended.end()).isEqualTo(later);
		assertThat(this.calendar.blockingFreezeAt(later.minusSeconds(1), HELIOS_PRODUCTION)).contains(ended);
		assertThat(this.calendar.blockingFreezeAt(later, HELIOS_PRODUCTION)).isEmpty();
		assertThatExceptionOfType(FreezeAlreadyEndedException.class)
			.isThrownBy(() -> this.registry.end(launch.id(), "demo"))
			.withMessage("Freeze 'Mainnet launch' 2026-11-21T00:00Z – 2026-11-21T10:00Z on heliosdb-lite/production"
					+ " (emergency only) has already ended");
		assertThatExceptionOfType(UnknownFreezeException.class).isThrownBy(() -> this.registry.end("nope", "demo"))
			.withMessage("No declared or post-incident freeze has the id 'nope'");
	}

	@Test
	void endingAFreezeBeforeItStartsCancelsIt() {
		Freeze launch = this.registry.declare(launch("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z"), "demo");

		Freeze cancelled = this.registry.end(launch.id(), "demo");

		assertThat(cancelled.end()).isEqualTo(cancelled.start());
		assertThat(this.calendar.freezesOverlapping(at("2026-11-21T00:00:00Z"), at("2026-12-10T00:00:00Z"))).isEmpty();
		assertThatExceptionOfType(FreezeAlreadyEndedException.class)
			.isThrownBy(() -> this.registry.end(launch.id(), "demo"));
	}

	@Test
	void aFreezeThatRanOutCannotBeEnded() {
		Freeze launch = this.registry.declare(launch("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"), "demo");
		ClockUtil.setCurrentTime(Date.from(at("2026-11-22T00:00:00Z")));

		assertThatExceptionOfType(FreezeAlreadyEndedException.class)
			.isThrownBy(() -> this.registry.end(launch.id(), "demo"));
	}

	@Test
	void aBookingIsReplacedByTheNextOfTheSameChangeAndReleased() {
		Slot first = slot("2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
		Slot second = slot("2027-01-07T02:00:00Z", "2027-01-07T06:00:00Z");
		this.bookings.book("CHG-7", "Upgrade DB", "heliosdb-lite", "production", first);
		this.bookings.book("CHG-7", "Upgrade DB", "heliosdb-lite", "production", second);
		this.bookings.book("CHG-8", "Upgrade node", null, null, first);

		assertThat(this.bookings.overlapping(at("2027-01-06T00:00:00Z"), at("2027-01-08T00:00:00Z"))).containsExactly(
				new Booking("CHG-8", "Upgrade node", null, null, first.start(), first.end(), first.window()),
				new Booking("CHG-7", "Upgrade DB", "heliosdb-lite", "production", second.start(), second.end(),
						second.window()));
		assertThat(this.bookings.overlapping(at("2027-01-06T06:00:00Z"), at("2027-01-07T02:00:00Z"))).isEmpty();
		this.bookings.release("CHG-7");
		this.bookings.release("CHG-8");
		assertThat(this.bookings.overlapping(at("2027-01-01T00:00:00Z"), at("2027-02-01T00:00:00Z"))).isEmpty();
	}

	@Test
	void thePlannerMovesPastAnotherChangesBookingButNotItsOwn() {
		this.bookings.book("CHG-7", "Upgrade DB", "heliosdb-lite", "production",
				slot("2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z"));

		Slot slot = this.planner.earliestSlot(at("2027-01-06T00:00:00Z"), DeploymentWindow.LOW_TRAFFIC,
				HELIOS_PRODUCTION);
		assertThat(slot.start()).isEqualTo(at("2027-01-07T02:00:00Z"));
		assertThat(slot.reasons()).contains("Conflicts with CHG-7 'Upgrade DB' on heliosdb-lite/production"
				+ " 2027-01-06T02:00Z–06:00Z: moved to 2027-01-07T02:00Z");
		assertThat(this.planner
			.earliestSlot(at("2027-01-06T00:00:00Z"), DeploymentWindow.LOW_TRAFFIC,
					new ChangeContext("normal", "CHG-7", "heliosdb-lite", "production", Set.of()))
			.start()).isEqualTo(at("2027-01-06T02:00:00Z"));
	}

	private void assertRefused(DeclareFreeze command, String by, String... problems) {
		long stored = storedFreezes();
		long declared = this.events.stream(FreezeDeclared.class).count();
		assertThatExceptionOfType(PolicyViolationException.class).isThrownBy(() -> this.registry.declare(command, by))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactlyInAnyOrder(problems));
		assertThat(storedFreezes()).isEqualTo(stored);
		assertThat(this.events.stream(FreezeDeclared.class).count()).isEqualTo(declared);
	}

	private void assertPostIncidentRefused(String incident, Instant declaredAt, String summary, String by,
			String... problems) {
		long stored = storedFreezes();
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> this.registry.declarePostIncident(incident, declaredAt, summary, by))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactlyInAnyOrder(problems));
		assertThat(storedFreezes()).isEqualTo(stored);
	}

	private long storedFreezes() {
		return this.jdbc.sql("select count(*) from cf_freeze").query(Long.class).single();
	}

	private static DeclareFreeze launch(String start, String end) {
		return new DeclareFreeze("Mainnet launch", "Launch week", at(start), at(end), Set.of("heliosdb-lite"),
				Set.of("production"));
	}

	private static ChangeContext change(String service, String environment) {
		return new ChangeContext("normal", "CHG-1", service, environment, Set.of());
	}

	private static Slot slot(String start, String end) {
		return new Slot(at(start), at(end), DeploymentWindow.LOW_TRAFFIC, List.of());
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
