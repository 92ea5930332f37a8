package io.changeflow.policy;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreezeTests {

	private static final Instant START = Instant.parse("2027-02-01T00:00:00Z");

	private static final Instant END = Instant.parse("2027-02-03T00:00:00Z");

	private static final FreezeScope HELIOS_PRODUCTION = new FreezeScope(Set.of("heliosdb-lite"), Set.of("production"));

	private static final Freeze HOLIDAY = Freeze.holiday(Instant.parse("2026-12-20T00:00:00Z"),
			Instant.parse("2027-01-06T00:00:00Z"));

	private static final Freeze LAUNCH = new Freeze("f-1", Freeze.Kind.DECLARED, "Mainnet launch", START, END,
			"Launch week", HELIOS_PRODUCTION, null);

	private static final Freeze AFTER_INC_42 = new Freeze("f-2", Freeze.Kind.POST_INCIDENT,
			"Post-incident freeze INC-42", Instant.parse("2027-01-10T09:00:00Z"), Instant.parse("2027-01-12T09:00:00Z"),
			"Database outage", FreezeScope.ALL, "INC-42");

	@ParameterizedTest
	@ValueSource(strings = { "standard", "normal", "runtime-upgrade" })
	void holidayAndDeclaredFreezesBlockEveryCategoryButEmergency(String category) {
		assertThat(HOLIDAY.blocks(ChangeContext.of(category))).isTrue();
		assertThat(LAUNCH.blocks(change(category, "heliosdb-lite", "production"))).isTrue();
		assertThat(HOLIDAY.blocks(ChangeContext.of("emergency"))).isFalse();
		assertThat(LAUNCH.blocks(change("emergency", "heliosdb-lite", "production"))).isFalse();
	}

	@ParameterizedTest(name = "{0}/{1} blocked: {2}")
	@CsvSource({ "heliosdb-lite, production, true", "heliosdb-lite, staging, false", "changeflow, production, false",
			"changeflow, testnet, false",
			// a change that does not name its service or environment may touch the frozen one
			", production, true", "heliosdb-lite, , true", ", , true", "changeflow, , false" })
	void scopeLimitsWhatADeclaredFreezeBlocks(String service, String environment, boolean blocked) {
		assertThat(LAUNCH.blocks(change("normal", service, environment))).isEqualTo(blocked);
	}

	@Test
	void anEmptyScopeCoversEverything() {
		Freeze everywhere = new Freeze("f-3", Freeze.Kind.DECLARED, "Audit", START, END, "Audit", FreezeScope.ALL,
				null);
		assertThat(everywhere.blocks(change("normal", "changeflow", "testnet"))).isTrue();
		Freeze allProduction = new Freeze("f-4", Freeze.Kind.DECLARED, "Audit", START, END, "Audit",
				new FreezeScope(Set.of(), Set.of("production")), null);
		assertThat(allProduction.blocks(change("normal", "changeflow", "production"))).isTrue();
		assertThat(allProduction.blocks(change("normal", "changeflow", "staging"))).isFalse();
	}

	@Test
	void postIncidentFreezeLetsOnlyFixesRelatedToItsIncidentThrough() {
		assertThat(AFTER_INC_42.blocks(ChangeContext.of("normal"))).isTrue();
		assertThat(AFTER_INC_42.blocks(related("normal", "INC-7"))).isTrue();
		assertThat(AFTER_INC_42.blocks(related("normal", "INC-7", "INC-42"))).isFalse();
		assertThat(AFTER_INC_42.blocks(related("standard", "INC-42"))).isFalse();
	}

	@Test
	void emergencyChangesPassAPostIncidentFreeze() {
		// documented choice: an emergency declares its own incident
		assertThat(AFTER_INC_42.blocks(related("emergency", "INC-99"))).isFalse();
	}

	@Test
	void descriptionsNameKindPeriodScopeAndWhatIsAllowed() {
		assertThat(HOLIDAY.describe()).isEqualTo("Holiday freeze 2026-12-20 – 2027-01-05 (emergency only)");
		assertThat(LAUNCH.describe())
			.isEqualTo("Freeze 'Mainnet launch' 2027-02-01 – 2027-02-02 on heliosdb-lite/production (emergency only)");
		assertThat(AFTER_INC_42.describe()).isEqualTo(
				"Post-incident freeze INC-42 2027-01-10T09:00Z – 2027-01-12T09:00Z (related fixes only)");
		Freeze partial = new Freeze("f-5", Freeze.Kind.DECLARED, "Audit", START, Instant.parse("2027-02-01T06:30:00Z"),
				"Audit", new FreezeScope(Set.of(), Set.of("staging", "production")), null);
		assertThat(partial.describe()).isEqualTo("Freeze 'Audit' 2027-02-01T00:00Z – 2027-02-01T06:30Z"
				+ " on all services/production, staging (emergency only)");
	}

	@Test
	void aFreezeMayBeEmptyButNotInverted() {
		new Freeze("f-6", Freeze.Kind.DECLARED, "Cancelled", START, START, "Audit", FreezeScope.ALL, null);
		assertThatIllegalArgumentException().isThrownBy(() -> new Freeze("f-7", Freeze.Kind.DECLARED, "Inverted", END,
				START, "Audit", FreezeScope.ALL, null))
			.withMessageContaining("must not end before it starts");
	}

	@Test
	void onlyPostIncidentFreezesHaveAnIncident() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Freeze("f-8", Freeze.Kind.POST_INCIDENT,
				"No incident", START, END, "Outage", FreezeScope.ALL, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Freeze("f-9", Freeze.Kind.DECLARED, "Launch", START,
				END, "Launch", FreezeScope.ALL, "INC-1"));
	}

	private static ChangeContext change(String category, String service, String environment) {
		return new ChangeContext(category, "CHG-1", service, environment, Set.of());
	}

	private static ChangeContext related(String category, String... incidents) {
		return new ChangeContext(category, "CHG-1", "heliosdb-lite", "production", Set.of(incidents));
	}

}
