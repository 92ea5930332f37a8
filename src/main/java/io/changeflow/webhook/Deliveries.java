package io.changeflow.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.changeflow.webhook.Delivery.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table {@code cf_webhook_delivery}. Only {@link #enqueue} joins a transaction (the publisher's); the
 * dispatcher's statements commit one by one, so a claim is visible to the other nodes at once.
 */
@Repository
class Deliveries {

	private static final String COLUMNS = "delivery_id, subscription, event_type, change_id, status, attempts,"
			+ " next_attempt_at, last_status_code, last_error, created_at, delivered_at, payload";

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void enqueue(String deliveryId, String subscription, EventType type, String changeId, String payload,
			Instant now) {
		jdbc.sql("""
				insert into cf_webhook_delivery (delivery_id, subscription, event_type, change_id, payload, status,
				    attempts, next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(deliveryId, subscription, type.value(), changeId, payload, Status.PENDING.value(),
					Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/**
	 * Pending deliveries that are due and not leased, oldest first, each the earliest pending one of its change for
	 * its subscription (a later event waits until the earlier one is delivered or has failed).
	 * @param skip subscriptions not to try again in this run
	 */
	List<Due> due(Instant now, Collection<String> skip, int limit) {
		return jdbc.sql("""
				select id, delivery_id, subscription, event_type, change_id, payload, attempts
				from cf_webhook_delivery d
				where d.status = :pending and d.next_attempt_at <= :now
				  and (d.lease_until is null or d.lease_until < :now)
				  and d.subscription not in (:skip)
				  and not exists (select 1 from cf_webhook_delivery e
				                  where e.subscription = d.subscription and e.change_id = d.change_id
				                    and e.status = :pending and e.id < d.id)
				order by d.id
				fetch first :limit rows only""")
			.param("pending", Status.PENDING.value())
			.param("now", Timestamp.from(now))
			// subscription names are never blank, so "" stands for "skip none" (an empty IN list is no SQL)
			.param("skip", skip.isEmpty() ? List.of("") : skip)
			.param("limit", limit)
			.query((rs, row) -> new Due(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("subscription"),
					EventType.parse(rs.getString("event_type")).orElseThrow(), rs.getString("change_id"),
					rs.getString("payload"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Takes a due delivery for this node until {@code leaseUntil}, unless another node took it or it changed since it
	 * was read. A conditional update rather than SELECT … FOR UPDATE SKIP LOCKED, which H2 lacks.
	 * @return whether this node now owns it
	 */
	boolean claim(Due due, String token, Instant now, Instant leaseUntil) {
		return jdbc.sql("""
				update cf_webhook_delivery set lease_until = ?, lease_token = ?
				where id = ? and status = ? and attempts = ? and (lease_until is null or lease_until < ?)""")
			.params(Timestamp.from(leaseUntil), token, due.id(), Status.PENDING.value(), due.attempts(),
					Timestamp.from(now))
			.update() == 1;
	}

	// the outcomes below apply only while the claim is still ours: a node whose lease ran out must not overwrite
	// what the node that took over recorded

	void delivered(Due due, String token, int statusCode, Instant now) {
		jdbc.sql("""
				update cf_webhook_delivery set status = ?, attempts = attempts + 1, last_status_code = ?,
				    last_error = null, delivered_at = ?, lease_until = null, lease_token = null
				where id = ? and lease_token = ?""")
			.params(Status.DELIVERED.value(), statusCode, Timestamp.from(now), due.id(), token)
			.update();
	}

	void retryLater(Due due, String token, Integer statusCode, String error, Instant nextAttemptAt) {
		jdbc.sql("""
				update cf_webhook_delivery set attempts = attempts + 1, last_status_code = ?, last_error = ?,
				    next_attempt_at = ?, lease_until = null, lease_token = null
				where id = ? and lease_token = ?""")
			.params(statusCode, error, Timestamp.from(nextAttemptAt), due.id(), token)
			.update();
	}

	void failed(Due due, String token, Integer statusCode, String error) {
		jdbc.sql("""
				update cf_webhook_delivery set status = ?, attempts = attempts + 1, last_status_code = ?,
				    last_error = ?, lease_until = null, lease_token = null
				where id = ? and lease_token = ?""")
			.params(Status.FAILED.value(), statusCode, error, due.id(), token)
			.update();
	}

	/** A delivery for a subscription that is no longer configured cannot be sent; it needs no claim to fail. */
	void abandon(Due due, String error) {
		jdbc.sql("update cf_webhook_delivery set status = ?, last_error = ? where id = ? and status = ?")
			.params(Status.FAILED.value(), error, due.id(), Status.PENDING.value())
			.update();
	}

	/** Newest first; {@code status} and {@code changeId} filter when not null. */
	List<Delivery> list(Status status, String changeId, int limit) {
		String where = ((status != null) ? " and status = :status" : "")
				+ ((changeId != null) ? " and change_id = :changeId" : "");
		return jdbc.sql("""
				select %s from cf_webhook_delivery
				where 1 = 1%s
				order by id desc
				fetch first :limit rows only""".formatted(COLUMNS, where))
			.param("status", (status != null) ? status.value() : null)
			.param("changeId", changeId)
			.param("limit", limit)
			.query(Deliveries::delivery)
			.list();
	}

	Optional<Delivery> find(String deliveryId) {
		return jdbc.sql("select %s from cf_webhook_delivery where delivery_id = ?".formatted(COLUMNS))
			.param(deliveryId)
			.query(Deliveries::delivery)
			.optional();
	}

	/**
	 * Gives a failed delivery a fresh series of attempts, starting now; its id stays, so a receiver that did get it
	 * after all recognises it.
	 * @return false when it is not failed (pending or delivered) or does not exist
	 */
	boolean retry(String deliveryId, Instant now) {
		return jdbc.sql("""
				update cf_webhook_delivery set status = ?, attempts = 0, next_attempt_at = ?
				where delivery_id = ? and status = ?""")
			.params(Status.PENDING.value(), Timestamp.from(now), deliveryId, Status.FAILED.value())
			.update() == 1;
	}

	/** @return how many delivered events, delivered before {@code before}, were forgotten */
	int forgetDelivered(Instant before) {
		return jdbc.sql("delete from cf_webhook_delivery where status = ? and delivered_at < ?")
			.params(Status.DELIVERED.value(), Timestamp.from(before))
			.update();
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getString("delivery_id"), rs.getString("subscription"), rs.getString("event_type"),
				rs.getString("change_id"), Status.parse(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
				instant(rs.getTimestamp("next_attempt_at")), rs.getObject("last_status_code", Integer.class), rs.getString("last_error"),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("delivered_at")),
				rs.getString("payload"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A pending delivery as the dispatcher needs it; {@code attempts} so far. */
	record Due(long id, String deliveryId, String subscription, EventType type, String changeId, String payload,
			int attempts) {

	}

}
