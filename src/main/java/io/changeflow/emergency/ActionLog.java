package io.changeflow.emergency;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The append-only action log of emergency changes (table {@code cf_action_log}): entries are only ever inserted, and
 * the readable process variable {@code actionLog} is re-rendered from the table after every write, so neither a form
 * nor an API client can rewrite history through the variable.
 */
@Service
class ActionLog {

	static final String PROCESS = "change-emergency";

	static final String VARIABLE = "actionLog";

	static final int ENTRY_LENGTH = 4000;

	/** The activities during which the implementer documents. */
	static final List<String> DOCUMENTING = List.of("ImplementFix", "DocumentActions");

	// a String variable holds 4000 characters; older entries stay readable through the API
	private static final int VARIABLE_LENGTH = 3900;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final Privileged privileged;

	ActionLog(JdbcClient jdbc, Clock clock, RuntimeService runtime, HistoryService history,
			Privileged privileged) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.runtime = runtime;
		this.history = history;
		this.privileged = privileged;
	}

	/** The emergency change {@code changeId}, running or ended; looked up for callers who need no grant on it. */
	Optional<EmergencyRun> find(String changeId) {
		return privileged.run(() -> {
			HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
				.processDefinitionKey(PROCESS)
				.variableValueEquals("changeId", changeId)
				.singleResult();
			if (instance == null) {
				return Optional.<EmergencyRun>empty();
			}
			HistoricVariableInstance requester = history.createHistoricVariableInstanceQuery()
				.processInstanceId(instance.getId())
				.variableName("requester")
				.singleResult();
			boolean documenting = instance.getEndTime() == null && DOCUMENTING.stream()
				.anyMatch(activity -> runtime.createExecutionQuery()
					.processInstanceId(instance.getId())
					.activityId(activity)
					.count() > 0);
			return Optional.of(new EmergencyRun(changeId, instance.getId(),
					requester == null ? null : (String) requester.getValue(), documenting));
		});
	}

	/**
	 * Appends one entry at the engine's now.
	 * @throws InvalidActionEntryException when the entry is blank or too long
	 * @throws ActionLogClosedException when the emergency is past its implementation
	 */
	ActionLogEntry append(EmergencyRun emergency, String author, String entry) {
		String text = (entry == null) ? "" : entry.strip();
		if (text.isEmpty()) {
			throw new InvalidActionEntryException("entry is required: what was done, observed or decided");
		}
		if (text.length() > ENTRY_LENGTH) {
			throw new InvalidActionEntryException("entry is longer than " + ENTRY_LENGTH + " characters");
		}
		if (!emergency.documenting()) {
			throw new ActionLogClosedException(emergency.changeId());
		}
		var stored = new ActionLogEntry(UUID.randomUUID().toString(), emergency.changeId(), clock.instant(), author,
				text);
		jdbc.sql("insert into cf_action_log (id, change_id, at, author, entry) values (?, ?, ?, ?, ?)")
			.params(stored.id(), stored.changeId(), Timestamp.from(stored.at()), stored.author(), stored.entry())
			.update();
		refresh(emergency);
		return stored;
	}

	/** Oldest first. */
	List<ActionLogEntry> list(String changeId) {
		return jdbc.sql("select id, change_id, at, author, entry from cf_action_log where change_id = ? order by at, id")
			.param(changeId)
			.query((rs, row) -> new ActionLogEntry(rs.getString("id"), rs.getString("change_id"),
					rs.getTimestamp("at").toInstant(), rs.getString("author"), rs.getString("entry")))
			.list();
	}

	/** Writes the variable {@code actionLog} from the table, whoever asks (implementers hold no grant on it). */
	void refresh(EmergencyRun emergency) {
		String rendered = render(emergency.changeId(), list(emergency.changeId()));
		privileged.run(() -> {
			runtime.setVariable(emergency.processInstanceId(), VARIABLE, rendered);
			return null;
		});
	}

	// "2026-11-21T09:05:00Z olivia: restarted node 3", newest last; the oldest give way when the variable is full
	static String render(String changeId, List<ActionLogEntry> entries) {
		var lines = new ArrayList<String>();
		int length = 0;
		for (int i = entries.size() - 1; i >= 0; i--) {
			ActionLogEntry entry = entries.get(i);
			String line = entry.at() + " " + entry.author() + ": " + entry.entry();
			if (length + line.length() + 1 > VARIABLE_LENGTH && !lines.isEmpty()) {
				lines.add(0, "(" + (i + 1) + " earlier entries: GET /api/changes/" + changeId + "/actions)");
				break;
			}
			lines.add(0, line.length() > VARIABLE_LENGTH ? line.substring(0, VARIABLE_LENGTH) + "…" : line);
			length += line.length() + 1;
		}
		return String.join("\n", lines);
	}

}
