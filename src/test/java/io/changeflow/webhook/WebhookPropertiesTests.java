package io.changeflow.webhook;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code changeflow.webhooks.*}: defaults, and the startup failures that keep a broken subscription out. */
class WebhookPropertiesTests {

	private static final String SUBSCRIPTION = "changeflow.webhooks.subscriptions[0].";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithWebhookProperties.class);

	@Test
	void defaultsToNoSubscriptionsAndAboutSixHoursOfRetries() {
		runner.run(context -> {
			WebhookProperties properties = context.getBean(WebhookProperties.class);
			assertThat(properties.subscriptions()).isEmpty();
			assertThat(properties.poll()).isTrue();
			assertThat(properties.dispatchInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.lease()).isEqualTo(Duration.ofMinutes(1));
			assertThat(properties.backoff())
				.isEqualTo(new WebhookProperties.Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 15));
		});
	}

	@Test
	void bindsASubscription() {
		runner.withPropertyValues(subscription("https://ci.example.com/hooks", "s3cret", "change.gate"))
			.run(context -> {
				var subscription = context.getBean(WebhookProperties.class).subscription("deploy").orElseThrow();
				assertThat(subscription.url()).isEqualTo("https://ci.example.com/hooks");
				assertThat(subscription.wants(EventType.GATE)).isTrue();
				assertThat(subscription.wants(EventType.PHASE)).isFalse();
				assertThat(subscription.toString()).as("never shows the secret").doesNotContain("s3cret");
			});
	}

	@Test
	void aBlankSecretFailsStartup() {
		fails(subscription("https://ci.example.com/hooks", " ", "change.gate"),
				SUBSCRIPTION + "secret must not be blank");
	}

	@Test
	void aUrlThatIsNotHttpOrHttpsFailsStartup() {
		for (String url : List.of("ftp://ci.example.com/hooks", "ci.example.com/hooks", "https://", "http//x")) {
			fails(subscription(url, "s3cret", "change.gate"),
					SUBSCRIPTION + "url must be an absolute http(s) URL, was '" + url + "'");
		}
	}

	@Test
	void anUnknownEventTypeFailsStartup() {
		fails(subscription("https://ci.example.com/hooks", "s3cret", "change.gate,change.deleted"),
				SUBSCRIPTION + "events: unknown event type 'change.deleted', expected change.phase or change.gate");
	}

	@Test
	void aDuplicateNameFailsStartup() {
		fails(new String[] { SUBSCRIPTION + "name=deploy", SUBSCRIPTION + "url=https://a.example.com/",
				SUBSCRIPTION + "secret=a", SUBSCRIPTION + "events=change.gate",
				"changeflow.webhooks.subscriptions[1].name=deploy",
				"changeflow.webhooks.subscriptions[1].url=https://b.example.com/",
				"changeflow.webhooks.subscriptions[1].secret=b",
				"changeflow.webhooks.subscriptions[1].events=change.phase" },
				"changeflow.webhooks.subscriptions[1].name 'deploy' is used by another subscription");
	}

	@Test
	void aBlankOrOverlongNameFailsStartup() {
		for (String name : List.of(" ", "x".repeat(101))) {
			fails(new String[] { SUBSCRIPTION + "name=" + name, SUBSCRIPTION + "url=https://a.example.com/",
					SUBSCRIPTION + "secret=a", SUBSCRIPTION + "events=change.gate" },
					SUBSCRIPTION + "name must not be blank nor longer than 100 characters");
		}
	}

	@Test
	void aLeaseNoLongerThanTheRequestTimeoutFailsStartup() {
		fails(new String[] { "changeflow.webhooks.request-timeout=PT30S", "changeflow.webhooks.lease=PT30S" },
				"changeflow.webhooks.lease (PT30S) must be longer than request-timeout (PT30S)");
	}

	@Test
	void theBackoffDoublesUpToItsMaximum() {
		var backoff = new WebhookProperties.Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 10);
		assertThat(List.of(1, 2, 3, 4, 5, 1000)).map(backoff::delayAfter)
			.containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
					Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
	}

	private static String[] subscription(String url, String secret, String events) {
		return new String[] { SUBSCRIPTION + "name=deploy", SUBSCRIPTION + "url=" + url,
				SUBSCRIPTION + "secret=" + secret, SUBSCRIPTION + "events=" + events };
	}

	private void fails(String[] properties, String message) {
		runner.withPropertyValues(properties)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.message()
				.startsWith(message));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebhookProperties.class)
	static class WithWebhookProperties {

	}

}
