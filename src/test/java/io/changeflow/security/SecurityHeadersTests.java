package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.changeflow.AppTest;
import io.changeflow.change.ApiCalls;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every surface changeflow serves itself sends the browser hardening headers; the webapps send Camunda's. */
@AppTest
class SecurityHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void everySurfaceSendsTheHeadersAnswersAndRefusalsAlike() {
		var api = new ApiCalls(port);
		List<ApiCalls.Response> responses = List.of(api.get("demo", "/api/freezes"), api.get("demo", "/calendar"),
				api.get("demo", "/audit"), api.get("demo", "/dashboard"), api.get("demo", "/engine-rest/task"),
				api.get(null, "/actuator/health/readiness"), api.get("demo", "/actuator/prometheus"),
				api.get("demo", "/v3/api-docs"), api.get("demo", "/swagger-ui/index.html"),
				// refusals and errors
				api.get(null, "/api/freezes"), api.get(null, "/engine-rest/task"), api.get("alice", "/actuator/prometheus"),
				api.get("demo", "/api/no-such-thing"), api.get(null, "/no-such-page"));
		assertThat(responses).extracting(ApiCalls.Response::status)
			.containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 403, 404, 401);
		for (var response : responses) {
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
			assertThat(response.headers().allValues("Content-Security-Policy"))
				.containsExactly(SecurityHeaders.CONTENT_SECURITY_POLICY);
			assertThat(response.header("Strict-Transport-Security")).as("plain HTTP").isNull();
		}
	}

	@Test
	void aPageThatSetsItsOwnPolicyKeepsIt() throws Exception {
		var filter = new SecurityHeaders("/camunda");
		var added = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/api/reports/1"), added,
				(request, response) -> ((jakarta.servlet.http.HttpServletResponse) response)
					.addHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"));
		assertThat(added.getHeaders("Content-Security-Policy"))
			.containsExactly("default-src 'none'; style-src 'unsafe-inline'");

		var set = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/calendar"), set,
				(request, response) -> ((jakarta.servlet.http.HttpServletResponse) response)
					.setHeader("Content-Security-Policy", "default-src 'none'"));
		assertThat(set.getHeaders("Content-Security-Policy")).containsExactly("default-src 'none'");
	}

	@Test
	void strictTransportSecurityOnlyOverHttps() throws Exception {
		var filter = new SecurityHeaders("/camunda");
		var secure = new MockHttpServletRequest("GET", "/api/freezes");
		secure.setSecure(true);
		var response = new MockHttpServletResponse();
		filter.doFilter(secure, response, (req, res) -> {
		});
		assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");

		var plain = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/api/freezes"), plain, (req, res) -> {
		});
		assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
	}

	@Test
	void theWebappsSendCamundasHeadersAndStrictCookies() {
		var page = new ApiCalls(port).get(null, "/camunda/app/tasklist/default/");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.headers().allValues("Content-Security-Policy")).singleElement()
			.satisfies((policy) -> assertThat(policy).contains("frame-ancestors 'none'", "object-src 'none'"));
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.header("X-XSS-Protection")).isEqualTo("1; mode=block");
		assertThat(page.headers().allValues("Set-Cookie")).as("the session and the CSRF token")
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("SameSite=Strict"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("SameSite=Strict"));
	}

}
