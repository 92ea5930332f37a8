package io.changeflow.change;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.changeflow.approval.ApprovalProgress;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.changeflow.system.Sha256;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Changes for tooling: open one (idempotently), follow it, ask its deployment gate, withdraw it. Errors are RFC 7807
 * problems; a malformed request names every invalid field and stores nothing. A requester sees their own changes;
 * every other role (reviewers, CAB, implementers, pipelines, change managers) sees all.
 */
@RestController
@RequestMapping("/api/changes")
class ChangeController {

	static final int MAX_WAIT_SECONDS = 60;

	static final int MAX_PAGE_SIZE = 100;

	static final int REASON_LENGTH = 1000;

	private final ChangeRequestSchema schema;

	private final ChangeRequests requests;

	private final ChangeRegistry registry;

	private final ChangeProcesses processes;

	private final GateQueries gates;

	private final List<ApprovalProgress> approvals;

	private final CurrentUser user;

	private final ObjectReader strictJson;

	private final ObjectMapper canonicalJson;

	ChangeController(ChangeRequestSchema schema, ChangeRequests requests, ChangeRegistry registry,
			ChangeProcesses processes, GateQueries gates, List<ApprovalProgress> approvals, CurrentUser user,
			ObjectMapper json) {
		this.schema = schema;
		this.requests = requests;
		this.registry = registry;
		this.processes = processes;
		this.gates = gates;
		this.approvals = approvals;
		this.user = user;
		this.strictJson = json.reader()
			.with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.canonicalJson = json.copy();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChangeView> open(@RequestBody(required = false) String body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		String requester = user.required();
		if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID");
		}
		JsonNode request = parse(body);
		Map<String, Object> variables = schema.variables(request);
		var opened = requests.open(requester, request.get("category").asText(), variables, idempotencyKey,
				hash(request));
		var view = view(opened.change(), true);
		return ResponseEntity.created(view.links().self())
			.header("Idempotent-Replayed", Boolean.toString(opened.replayed()))
			.body(view);
	}

	@GetMapping("/{changeId}")
	ChangeView get(@PathVariable String changeId) {
		return view(readable(changeId), true);
	}

	@GetMapping
	ChangePage list(@RequestParam(required = false) String category,
			@RequestParam(required = false) String phase, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "20") String size) {
		String caller = user.required();
		var errors = new ArrayList<InvalidRequestException.FieldError>();
		if (category != null && !ChangeRequestSchema.START_FORMS.containsKey(category)) {
			errors.add(new InvalidRequestException.FieldError("category",
					"must be one of " + String.join(", ", ChangeRequestSchema.START_FORMS.keySet())));
		}
		ChangePhase wanted = (phase == null) ? null : ChangePhase.parse(phase).orElse(null);
		if (phase != null && wanted == null) {
			errors.add(new InvalidRequestException.FieldError("phase", "must be one of "
					+ String.join(", ", Arrays.stream(ChangePhase.values()).map(ChangePhase::value).toList())));
		}
		Instant since = instant("from", from, errors);
		Instant until = instant("to", to, errors);
		int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, errors);
		int pageSize = number("size", size, 1, MAX_PAGE_SIZE, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		var found = registry.page(new ChangeRegistry.Filter(category, wanted, since, until,
				seesAll() ? null : caller), pageNumber, pageSize);
		return new ChangePage(found.items().stream().map(change -> view(change, false)).toList(), pageNumber, pageSize,
				found.total(), (found.total() + pageSize - 1) / pageSize);
	}

	@GetMapping("/{changeId}/gate")
	DeferredResult<GateView> gate(@PathVariable String changeId, @RequestParam(required = false) String environment,
			@RequestParam(required = false) String artifact, @RequestParam(defaultValue = "0") String waitSeconds) {
		ChangeRecord change = readable(changeId);
		var errors = new ArrayList<InvalidRequestException.FieldError>();
		int wait = number("waitSeconds", waitSeconds, 0, MAX_WAIT_SECONDS, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return gates.await(gates.now(change, environment, artifact), wait);
	}

	@PostMapping(path = "/{changeId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
	ChangeView cancel(@PathVariable String changeId, @RequestBody(required = false) String body) {
		String caller = user.required();
		JsonNode request = parse(body);
		var errors = new ArrayList<InvalidRequestException.FieldError>();
		request.fieldNames().forEachRemaining(name -> {
			if (!"reason".equals(name)) {
				errors.add(new InvalidRequestException.FieldError(name, "is not a field of a withdrawal"));
			}
		});
		JsonNode reason = request.get("reason");
		if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
			errors.add(new InvalidRequestException.FieldError("reason", "is required: why the change is withdrawn"));
		}
		else if (reason.asText().length() > REASON_LENGTH || reason.asText().indexOf('\u0000') >= 0) {
			errors.add(new InvalidRequestException.FieldError("reason",
					"must be at most " + REASON_LENGTH + " characters, without NUL"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return view(requests.withdraw(changeId, caller, user.isMemberOf(Roles.CHANGE_MANAGERS),
				reason.asText().strip()), true);
	}

	/** One page of changes, newest first; {@code page} counts from 0. */
	record ChangePage(List<ChangeView> items, int page, int size, long totalItems, long totalPages) {
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException(
					List.of(new InvalidRequestException.FieldError(null, "a JSON object body is required")));
		}
		try {
			JsonNode parsed = strictJson.readTree(body);
			if (parsed == null || !parsed.isObject()) {
				throw new InvalidRequestException(
						List.of(new InvalidRequestException.FieldError(null, "the body must be a JSON object")));
			}
			return parsed;
		}
		catch (JsonProcessingException ex) {
			// limits (nesting, number length) are reported without a location
			String where = (ex.getLocation() != null) ? " at line " + ex.getLocation().getLineNr() + ", column "
					+ ex.getLocation().getColumnNr() : "";
			throw new InvalidRequestException(List.of(new InvalidRequestException.FieldError(null,
					"malformed JSON" + where + ": " + ex.getOriginalMessage())));
		}
	}

	// the same request in any key order or spacing hashes alike
	private String hash(JsonNode request) {
		try {
			Object canonical = canonicalJson.convertValue(request, TreeMap.class);
			return Sha256.hex(canonicalJson.writeValueAsString(canonical));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot hash the request", ex);
		}
	}

	private ChangeRecord readable(String changeId) {
		String caller = user.required();
		var change = registry.find(changeId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No change " + changeId));
		if (!seesAll() && !caller.equals(change.requester())) {
			// as if it did not exist: a requester learns nothing of other people's changes
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No change " + changeId);
		}
		return change;
	}

	private boolean seesAll() {
		return user.groups().stream().anyMatch(group -> !Roles.REQUESTERS.equals(group));
	}

	private ChangeView view(ChangeRecord change, boolean withApprovals) {
		ApprovalProgress.Progress progress = null;
		if (withApprovals) {
			var variables = processes.variables(change);
			progress = approvals.stream()
				.filter(source -> source.covers(change.category()))
				.findFirst()
				.map(source -> source.read(variables))
				.orElse(ApprovalProgress.Progress.NONE);
		}
		return ChangeView.of(change, progress, ServletUriComponentsBuilder.fromCurrentContextPath());
	}

	private static Instant instant(String name, String value, List<InvalidRequestException.FieldError> errors) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new InvalidRequestException.FieldError(name, "must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z"));
			return null;
		}
	}

	private static int number(String name, String value, int min, int max,
			List<InvalidRequestException.FieldError> errors) {
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new InvalidRequestException.FieldError(name, "must be a whole number from " + min + " to " + max));
		return min;
	}

}
