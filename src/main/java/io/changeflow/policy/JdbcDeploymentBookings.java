package io.changeflow.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Bookings in table {@code cf_booking}, one row per change. */
@Repository
class JdbcDeploymentBookings implements DeploymentBookings {

	private final JdbcClient jdbc;

	JdbcDeploymentBookings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void lockForPlanning() {
		this.jdbc.sql("select id from cf_booking_lock where id = 1 for update").query(Integer.class).single();
	}

	@Override
	@Transactional
	public void book(String changeId, String title, String service, String environment, Slot slot) {
		release(changeId);
		this.jdbc.sql("insert into cf_booking (change_id, title, service, environment, starts_at, ends_at,"
				+ " deployment_window) values (?, ?, ?, ?, ?, ?, ?)")
			.params(changeId, title, service, environment, Utc.column(slot.start()),
					Utc.column(slot.end()), slot.window().name())
			.update();
	}

	@Override
	public void release(String changeId) {
		this.jdbc.sql("delete from cf_booking where change_id = ?").param(changeId).update();
	}

	@Override
	public List<Booking> overlapping(Instant from, Instant to) {
		return this.jdbc.sql("select change_id, title, service, environment, starts_at, ends_at, deployment_window"
				+ " from cf_booking where starts_at < ? and ends_at > ? order by starts_at, change_id")
			.params(Utc.column(to), Utc.column(from))
			.query(JdbcDeploymentBookings::booking)
			.list();
	}

	private static Booking booking(ResultSet row, int number) throws SQLException {
		return new Booking(row.getString("change_id"), row.getString("title"), row.getString("service"),
				row.getString("environment"), Utc.read(row, "starts_at"),
				Utc.read(row, "ends_at"), DeploymentWindow.valueOf(row.getString("deployment_window")));
	}

}
