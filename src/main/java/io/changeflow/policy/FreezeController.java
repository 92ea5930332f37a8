package io.changeflow.policy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Freezes over HTTP: everyone authenticated reads the calendar, change managers declare and end freezes. */
@RestController
class FreezeController {

	private final FreezeCalendar calendar;

	private final FreezeRegistry registry;

	private final ApiAccess access;

	private final Clock clock;

	private final PolicyProperties properties;

	FreezeController(FreezeCalendar calendar, FreezeRegistry registry, ApiAccess access, Clock clock,
			PolicyProperties properties) {
		this.calendar = calendar;
		this.registry = registry;
		this.access = access;
		this.clock = clock;
		this.properties = properties;
	}

	/** Holiday, declared and post-incident freezes overlapping [from, to); by default the planner's lookahead. */
	@GetMapping("/api/freezes")
	List<Freeze> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		this.access.authenticated();
		Parameters parameters = new Parameters();
		Instant start = parameters.instant("from", from, this.clock.instant());
		Instant end = parameters.instant("to", to, (start != null) ? start.plus(this.properties.lookahead()) : null);
		parameters.check(start == null || end == null || end.isAfter(start), "to must be after from");
		parameters.verify();
		return this.calendar.freezesOverlapping(start, end);
	}

	@GetMapping("/api/freezes/{id}")
	Freeze get(@PathVariable String id) {
		this.access.authenticated();
		return this.registry.get(id);
	}

	@PostMapping("/api/freezes")
	ResponseEntity<Freeze> declare(@RequestBody DeclareFreeze command) {
		return created(this.registry.declare(command, this.access.changeManager()));
	}

	@PostMapping("/api/freezes/{id}/end")
	Freeze end(@PathVariable String id) {
		return this.registry.end(id, this.access.changeManager());
	}

	/** An incident freezes everything but its related fixes (002 §8.2). */
	@PostMapping("/api/incidents")
	ResponseEntity<Freeze> incident(@RequestBody Incident incident) {
		String by = this.access.changeManager();
		Instant declaredAt = (incident.declaredAt() != null) ? incident.declaredAt() : this.clock.instant();
		return created(this.registry.declarePostIncident(incident.incident(), declaredAt, incident.summary(), by));
	}

	private static ResponseEntity<Freeze> created(Freeze freeze) {
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/freezes/{id}")
			.buildAndExpand(freeze.id())
			.toUri();
		return ResponseEntity.created(location).body(freeze);
	}

	/** @param declaredAt when the incident was declared; now when absent */
	record Incident(String incident, String summary, Instant declaredAt) {

	}

}
