package io.changeflow.upgrade;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runtime releases enacted on chain (table {@code cf_runtime_release}): what a new proposal's spec version must exceed. */
@Repository
class RuntimeReleases {

	private final JdbcClient jdbc;

	RuntimeReleases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	OptionalLong lastEnactedVersion(String specName) {
		return jdbc.sql("select spec_version from cf_runtime_release where spec_name = ?"
				+ " order by spec_version desc fetch first 1 rows only")
			.param(specName)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	void enacted(String specName, long specVersion, String wasmHash, String changeId, Instant at) {
		jdbc.sql("insert into cf_runtime_release (spec_name, spec_version, wasm_hash, change_id, enacted_at)"
				+ " values (?, ?, ?, ?, ?)")
			.params(specName, specVersion, wasmHash, changeId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.update();
	}

}
