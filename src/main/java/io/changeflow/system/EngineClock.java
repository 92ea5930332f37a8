package io.changeflow.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Policy code reads time from a {@link Clock}; this one is the engine's clock, so slots, due dates and timers agree
 * (and tests that move the engine clock move the policy with it).
 */
@Configuration(proxyBeanMethods = false)
class EngineClock {

	@Bean
	Clock clock() {
		return new EngineTimeClock(ZoneOffset.UTC);
	}

	private static final class EngineTimeClock extends Clock {

		private final ZoneId zone;

		private EngineTimeClock(ZoneId zone) {
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new EngineTimeClock(zone);
		}

		@Override
		public Instant instant() {
			return ClockUtil.getCurrentTime().toInstant();
		}

	}

}
