package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a production admin password must pass: each refusal names its rule, never the password. */
class AdminPasswordTests {

	private static final String SOURCE = "Refusing to start: CHANGEFLOW_ADMIN_PASSWORD"
			+ " (changeflow.security.admin.password) ";

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t\n" })
	void refusesAnEmptyPassword(String password) {
		assertThatIllegalArgumentException().isThrownBy(() -> AdminPassword.check("admin", password))
			.withMessage(SOURCE + "must be set: the production profile creates no admin without a password");
	}

	@ParameterizedTest
	@ValueSource(strings = { "platform-operator", "PLATFORM-OPERATOR", "Platform-Operator" })
	void refusesThePasswordOfTheUserIdInAnyCase(String password) {
		assertThatIllegalArgumentException().isThrownBy(() -> AdminPassword.check("platform-operator", password))
			.withMessage(SOURCE + "must not equal the admin's user id (CHANGEFLOW_ADMIN_USER)")
			.satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContainIgnoringCase(password));
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin", "demo", "password", "changeme", "camunda", "changeflow", "secret", "123456",
			"ADMIN", "Camunda", "PassWord", "Password123!", "changeme_2026!!", "Changeflow-000000", "secret#1234567",
			"123456789012", "1234567890123" })
	void refusesWellKnownDefaultsInAnyCaseAlsoWithDigitsOrSymbolsAppended(String password) {
		assertThatIllegalArgumentException().isThrownBy(() -> AdminPassword.check("ops", password))
			.withMessage(SOURCE
					+ "must not be a well-known default password (in any case, also with digits or symbols appended)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Xk3-pQ9-zL", "Tz8#mW2!qR4" })
	void refusesPasswordsShorterThan12Characters(String password) {
		assertThatIllegalArgumentException().isThrownBy(() -> AdminPassword.check("admin", password))
			.withMessage(SOURCE + "must be at least 12 characters long")
			.satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain(password));
	}

	@Test
	void refusesABlankUserId() {
		assertThatIllegalArgumentException().isThrownBy(() -> AdminPassword.check(" ", "Quiet-Harbour-Lantern-42"))
			.withMessage("Refusing to start: CHANGEFLOW_ADMIN_USER (changeflow.security.admin.user) must not be blank");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Xk3-pQ9-zL7m", "Quiet-Harbour-Lantern-42", "my-changeflow-admin-2026",
			"1234567-abcdefg" })
	void acceptsALongPasswordThatIsNoDefault(String password) {
		assertThatNoException().isThrownBy(() -> AdminPassword.check("admin", password));
	}

	@Test
	void theBoundConfigurationChecksThePasswordAndNeverShowsIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AdminProperties("admin", "changeme"));
		var admin = new AdminProperties("root", "Quiet-Harbour-Lantern-42");
		assertThat(admin).hasToString("AdminProperties[user=root]");
	}

}
