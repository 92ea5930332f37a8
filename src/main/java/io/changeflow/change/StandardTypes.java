package io.changeflow.change;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The track record of each standard change type. After {@code demote-after-failures} failed or rolled-back executions
 * within {@code failure-window}, a type is demoted: requests of it become normal changes until a change manager
 * re-approves it. Failures before a re-approval no longer count.
 */
@Service
class StandardTypes {

	private final JdbcClient jdbc;

	private final StandardChangeProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StandardTypes(JdbcClient jdbc, StandardChangeProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	boolean demoted(StandardType type) {
		return openDemotion(type).isPresent();
	}

	/** Records how one execution ended and demotes the type when it has failed too often. */
	@Transactional
	void recordExecution(String changeId, StandardType type, boolean failed) {
		Instant now = clock.instant();
		jdbc.sql("insert into cf_standard_execution (change_id, standard_type, failed, finished_at) values (?, ?, ?, ?)")
			.params(changeId, type.value, failed, Timestamp.from(now))
			.update();
		if (!failed || demoted(type)) {
			return;
		}
		List<String> failures = recentFailures(type, now);
		if (failures.size() >= properties.demoteAfterFailures()) {
			String reason = failures.size() + " failed or rolled-back executions within " + properties.failureWindow()
					+ ": " + String.join(", ", failures);
			jdbc.sql("insert into cf_standard_demotion (id, standard_type, demoted_at, reason) values (?, ?, ?, ?)")
				.params(UUID.randomUUID().toString(), type.value, Timestamp.from(now), reason)
				.update();
			events.publishEvent(new StandardTypeDemoted(type.value, reason, failures));
		}
	}

	List<Status> list() {
		Instant now = clock.instant();
		return Arrays.stream(StandardType.values()).map(type -> status(type, now)).toList();
	}

	Status get(String type) {
		return status(known(type), clock.instant());
	}

	/** A change manager puts a demoted type back on the pre-approved list. */
	@Transactional
	Status reapprove(String typeValue, String by, String reason) {
		StandardType type = known(typeValue);
		if (reason == null || reason.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason is required to re-approve " + type.value);
		}
		String demotion = openDemotion(type).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
				type.value + " is not demoted; it is pre-approved already"));
		jdbc.sql("update cf_standard_demotion set reapproved_at = ?, reapproved_by = ?, reapproval_reason = ?"
				+ " where id = ?")
			.params(Timestamp.from(clock.instant()), by, reason.strip(), demotion)
			.update();
		events.publishEvent(new StandardTypeReapproved(type.value, by, reason.strip()));
		return get(typeValue);
	}

	private Status status(StandardType type, Instant now) {
		var demotion = jdbc.sql("select demoted_at, reason from cf_standard_demotion"
				+ " where standard_type = ? and reapproved_at is null")
			.param(type.value)
			.query((rs, row) -> new Status(type.value, type.reviewedAs != null, true,
					rs.getTimestamp("demoted_at").toInstant(), rs.getString("reason"), List.of()))
			.list()
			.stream()
			.findFirst();
		return demotion.orElseGet(() -> new Status(type.value, type.reviewedAs != null, false, null, null,
				recentFailures(type, now)));
	}

	// failures inside the window and after the last re-approval, oldest first
	private List<String> recentFailures(StandardType type, Instant now) {
		Instant since = now.minus(properties.failureWindow());
		Optional<Instant> reapproved = jdbc
			.sql("select max(reapproved_at) from cf_standard_demotion where standard_type = ?")
			.param(type.value)
			.query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
		if (reapproved.isPresent() && reapproved.get().isAfter(since)) {
			since = reapproved.get();
		}
		return jdbc.sql("select change_id from cf_standard_execution where standard_type = ? and failed"
				+ " and finished_at > ? order by finished_at")
			.params(type.value, Timestamp.from(since))
			.query(String.class)
			.list();
	}

	private Optional<String> openDemotion(StandardType type) {
		// two failures finishing at once may both demote; either demotion stands for the type
		return jdbc.sql("select id from cf_standard_demotion where standard_type = ? and reapproved_at is null")
			.param(type.value)
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	private static StandardType known(String value) {
		return StandardType.parse(value)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Unknown standard change type '" + value + "'; known: " + StandardType.allValues()));
	}

	/**
	 * @param peerReview whether 000 asks one reviewer to approve it
	 * @param recentFailures change ids of the failures that count towards demotion
	 */
	record Status(String type, boolean peerReview, boolean demoted, Instant demotedAt, String reason,
			List<String> recentFailures) {
	}

}
