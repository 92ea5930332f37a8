package io.changeflow.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Declared and post-incident freezes, table {@code cf_freeze}. An ended freeze keeps its planned end in
 * {@code ends_at}; it is in force until {@code ended_at}.
 */
@Repository
class StoredFreezes implements FreezeSource {

	private static final String SELECT = "select id, kind, name, reason, starts_at, ends_at, services, environments,"
			+ " incident, ended_at from cf_freeze ";

	private final JdbcClient jdbc;

	StoredFreezes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Freeze> freezesOverlapping(Instant from, Instant to) {
		// a freeze ended before it started is in force at no time; freezes starting together in a stable order (by
		// name), as the calendar lists them
		return this.jdbc.sql(SELECT + "where starts_at < :to and coalesce(ended_at, ends_at) > :from"
				+ " and coalesce(ended_at, ends_at) > starts_at order by starts_at, name, id")
			.param("from", Utc.column(from))
			.param("to", Utc.column(to))
			.query(StoredFreezes::freeze)
			.list();
	}

	Optional<Freeze> find(String id) {
		return this.jdbc.sql(SELECT + "where id = ?").param(id).query(StoredFreezes::freeze).optional();
	}

	Optional<Freeze> postIncidentFreezeOf(String incident) {
		return this.jdbc.sql(SELECT + "where incident = ?").param(incident).query(StoredFreezes::freeze).optional();
	}

	void insert(Freeze freeze, String by, Instant at) {
		this.jdbc.sql("insert into cf_freeze (id, kind, name, reason, starts_at, ends_at, services, environments,"
				+ " incident, declared_by, declared_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(freeze.id(), freeze.kind().name(), freeze.name(), freeze.reason(), Utc.column(freeze.start()),
					Utc.column(freeze.end()), String.join(",", freeze.scope().services()),
					String.join(",", freeze.scope().environments()), freeze.incident(), by, Utc.column(at))
			.update();
	}

	/** @return false when the freeze had already ended, by hand or by running out */
	boolean end(String id, String by, Instant at) {
		return this.jdbc.sql("update cf_freeze set ended_by = ?, ended_at = ? where id = ? and ended_at is null"
				+ " and ends_at > ?")
			.params(by, Utc.column(at), id, Utc.column(at))
			.update() == 1;
	}

	private static Freeze freeze(ResultSet row, int number) throws SQLException {
		Instant start = Utc.read(row, "starts_at");
		Instant end = Utc.read(row, "ends_at");
		Instant ended = Utc.read(row, "ended_at");
		if (ended != null) {
			end = ended.isAfter(start) ? ended : start;
		}
		return new Freeze(row.getString("id"), Freeze.Kind.valueOf(row.getString("kind")), row.getString("name"), start,
				end, row.getString("reason"),
				new FreezeScope(names(row.getString("services")), names(row.getString("environments"))),
				row.getString("incident"));
	}

	private static Set<String> names(String joined) {
		return (joined == null || joined.isEmpty()) ? Set.of() : Set.of(joined.split(","));
	}

}
