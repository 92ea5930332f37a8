package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares and ends the freezes people decide on (002 §8.2): major events and post-incident freezes. Every command
 * is checked as a whole: it is stored completely or refused with every problem named.
 */
@Service
public class FreezeRegistry {

	// the column sizes of cf_freeze
	private static final int NAME_LENGTH = 200;

	private static final int TEXT_LENGTH = 2000;

	private static final int INCIDENT_LENGTH = 100;

	private final StoredFreezes freezes;

	private final ServiceCatalog catalog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration postIncidentFreeze;

	FreezeRegistry(StoredFreezes freezes, ServiceCatalog catalog, ApplicationEventPublisher events, Clock clock,
			PolicyProperties properties) {
		this.freezes = freezes;
		this.catalog = catalog;
		this.events = events;
		this.clock = clock;
		this.postIncidentFreeze = properties.postIncidentFreeze();
	}

	/**
	 * A major-event freeze: only emergency changes run in its scope until it ends.
	 * @throws PolicyViolationException naming every problem; nothing is stored
	 */
	@Transactional
	public Freeze declare(DeclareFreeze command, String by) {
		Instant now = this.clock.instant();
		List<String> problems = new ArrayList<>();
		checkText("name", command.name(), NAME_LENGTH, problems);
		checkText("reason", command.reason(), TEXT_LENGTH, problems);
		checkPerson(by, problems);
		List<String> unknown = this.catalog.problems(command.services(), command.environments());
		problems.addAll(unknown);
		Instant start = command.start();
		Instant end = command.end();
		if (start == null) {
			problems.add("start is required");
		}
		if (end == null) {
			problems.add("end is required");
		}
		else if (!end.isAfter(now)) {
			problems.add("end " + Utc.format(end) + " is in the past (now " + Utc.format(now) + ")");
		}
		if (start != null && end != null && !end.isAfter(start)) {
			problems.add("end " + Utc.format(end) + " is not after start " + Utc.format(start) + " (inverted period)");
		}
		FreezeScope scope = null;
		if (unknown.isEmpty() && start != null && end != null && end.isAfter(start) && end.isAfter(now)) {
			scope = new FreezeScope(command.services(), command.environments());
			problems.addAll(overlapping(scope, start.isAfter(now) ? start : now, end));
		}
		if (!problems.isEmpty()) {
			throw new PolicyViolationException(problems);
		}
		return store(new Freeze(UUID.randomUUID().toString(), Freeze.Kind.DECLARED, command.name().strip(), start,
				end, command.reason().strip(), scope, null), by, now);
	}

	/**
	 * 002 §8.2: after an incident, only fixes related to it run, for {@code post-incident-freeze} (48 hours) from
	 * {@code declaredAt}, everywhere.
	 * @throws PolicyViolationException naming every problem; nothing is stored
	 */
	@Transactional
	public Freeze declarePostIncident(String incident, Instant declaredAt, String summary, String by) {
		Instant now = this.clock.instant();
		List<String> problems = new ArrayList<>();
		checkText("incident", incident, INCIDENT_LENGTH, problems);
		checkText("summary", summary, TEXT_LENGTH, problems);
		checkPerson(by, problems);
		if (incident != null && !incident.isBlank()) {
			this.freezes.postIncidentFreezeOf(incident.strip())
				.ifPresent((existing) -> problems.add("incident " + incident.strip() + " already has a post-incident"
						+ " freeze: " + existing.describe() + " (id " + existing.id() + ")"));
		}
		Instant end = null;
		if (declaredAt == null) {
			problems.add("declaredAt is required");
		}
		else {
			end = declaredAt.plus(this.postIncidentFreeze);
			if (!end.isAfter(now)) {
				problems.add("the post-incident freeze would end " + Utc.format(end) + " (declaredAt "
						+ Utc.format(declaredAt) + " + " + this.postIncidentFreeze + "), which is in the past (now "
						+ Utc.format(now) + ")");
			}
		}
		if (!problems.isEmpty()) {
			throw new PolicyViolationException(problems);
		}
		return store(new Freeze(UUID.randomUUID().toString(), Freeze.Kind.POST_INCIDENT,
				"Post-incident freeze " + incident.strip(), declaredAt, end, summary.strip(), FreezeScope.ALL,
				incident.strip()), by, now);
	}

	/**
	 * Ends the freeze now; one that has not started yet is thereby cancelled.
	 * @throws UnknownFreezeException if no declared or post-incident freeze has this id
	 * @throws FreezeAlreadyEndedException if it was ended before or has run out
	 */
	@Transactional
	public Freeze end(String id, String by) {
		Freeze freeze = get(id);
		List<String> problems = new ArrayList<>();
		checkPerson(by, problems);
		if (!problems.isEmpty()) {
			throw new PolicyViolationException(problems);
		}
		if (!this.freezes.end(id, by, this.clock.instant())) {
			throw new FreezeAlreadyEndedException(freeze);
		}
		return get(id);
	}

	/** @throws UnknownFreezeException if no declared or post-incident freeze has this id */
	public Freeze get(String id) {
		return this.freezes.find(id).orElseThrow(() -> new UnknownFreezeException(id));
	}

	/** The post-incident freeze of {@code incident}, running or over; an incident has at most one. */
	public Optional<Freeze> postIncidentFreeze(String incident) {
		return (incident == null || incident.isBlank()) ? Optional.empty()
				: this.freezes.postIncidentFreezeOf(incident.strip());
	}

	/** Declared and post-incident freezes in force at some time in [from, to), ordered by start. */
	public List<Freeze> list(Instant from, Instant to) {
		return this.freezes.freezesOverlapping(from, to);
	}

	// only declared freezes still to come can clash: an ended one is history, post-incident ones may coincide
	private List<String> overlapping(FreezeScope scope, Instant from, Instant to) {
		return this.freezes.freezesOverlapping(from, to)
			.stream()
			.filter((other) -> other.kind() == Freeze.Kind.DECLARED && other.scope().overlaps(scope))
			.map((other) -> "overlaps " + other.describe() + " (id " + other.id()
					+ "); end that freeze first or choose another period or scope")
			.toList();
	}

	private Freeze store(Freeze freeze, String by, Instant now) {
		this.freezes.insert(freeze, by, now);
		this.events.publishEvent(new FreezeDeclared(freeze));
		return freeze;
	}

	private static void checkText(String field, String value, int maxLength, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(field + " is required");
		}
		else if (value.strip().length() > maxLength) {
			problems.add(field + " is longer than " + maxLength + " characters");
		}
	}

	private static void checkPerson(String by, List<String> problems) {
		if (by == null || by.isBlank()) {
			problems.add("a freeze must be declared or ended by an authenticated user");
		}
	}

}
