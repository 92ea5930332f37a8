package io.changeflow.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Stores notifications in the outbox table {@code cf_notification}, in the transaction of the step that caused them,
 * so a notification exists exactly when its cause was committed. Delivery channels read from the outbox.
 */
@Service
public class Notifications {

	private static final Logger log = LoggerFactory.getLogger(Notifications.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	Notifications(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void send(Notification notification) {
		jdbc.sql("""
				insert into cf_notification (id, created_at, recipient, recipient_type, change_id, subject, body)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID().toString(), Timestamp.from(clock.instant()), notification.recipient(),
					notification.recipientType().name(), notification.changeId(), notification.subject(),
					notification.body())
			.update();
		log.info("Notification to {} {}: {}", notification.recipientType(), notification.recipient(),
				notification.subject());
	}

	/**
	 * Newest first, at most {@code limit}: what a user sees, directly or through one of their groups; only those about
	 * one change unless {@code changeId} is null.
	 */
	public List<Notification> forUser(String userId, Collection<String> groups, String changeId, int limit) {
		String ofChange = (changeId != null) ? "and change_id = :changeId" : "";
		return jdbc.sql("""
				select recipient, recipient_type, change_id, subject, body, created_at from cf_notification
				where ((recipient_type = 'USER' and recipient = :user)
				    or (recipient_type = 'GROUP' and recipient in (:groups)))
				%s
				order by created_at desc, id
				fetch first :limit rows only""".formatted(ofChange))
			.param("user", userId)
			.param("groups", groups.isEmpty() ? List.of("") : groups)
			.param("changeId", changeId)
			.param("limit", limit)
			.query((rs, row) -> new Notification(rs.getString("recipient"),
					Notification.RecipientType.valueOf(rs.getString("recipient_type")), rs.getString("change_id"),
					rs.getString("subject"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

}
