package io.changeflow;

import java.net.CookieManager;

import org.camunda.bpm.engine.IdentityService;

/** People tests need beyond the demo users, and the webapps' CSRF token a test browser holds. */
public final class TestUsers {

	private TestUsers() {
	}

	/** Creates {@code id} with {@code password} and its memberships unless it exists (contexts are shared). */
	public static void ensure(IdentityService identity, String id, String password, String... groups) {
		if (identity.createUserQuery().userId(id).count() == 0) {
			var user = identity.newUser(id);
			user.setPassword(password);
			user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
			user.setLastName("Test");
			identity.saveUser(user);
			for (String group : groups) {
				identity.createMembership(id, group);
			}
		}
	}

	/** The token the webapps handed this browser (cookie XSRF-TOKEN), which every write must echo. */
	public static String csrfToken(CookieManager cookies) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

}
