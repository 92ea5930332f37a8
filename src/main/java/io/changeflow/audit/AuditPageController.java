package io.changeflow.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.changeflow.audit.AuditSearch.Active;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail for people, read-only: {@code /audit} finds a change by id ({@code id=CHG-2026-0001}, any case) or
 * lists the changes with audit activity between two UTC dates ({@code from}, {@code to}, inclusive; the last 7 days by
 * default), {@code /audit/CHG-2026-0001} shows one change's trail and whether its chains are intact. For change
 * managers and auditors, with HTTP Basic or the Camunda webapp login of the same browser.
 */
@Controller
class AuditPageController {

	static final int PAGE_SIZE = 25;

	/** The widest subject id the trail stores (cf_audit_chain.change_id). */
	private static final int ID_LENGTH = 64;

	private final AuditTrail trail;

	private final AuditSearch search;

	private final AuditVerifier verifier;

	private final CurrentUser caller;

	private final IdentityService identity;

	private final Privileged privileged;

	private final Clock clock;

	AuditPageController(AuditTrail trail, AuditSearch search, AuditVerifier verifier, CurrentUser caller,
			IdentityService identity, Privileged privileged, Clock clock) {
		this.trail = trail;
		this.search = search;
		this.verifier = verifier;
		this.caller = caller;
		this.identity = identity;
		this.privileged = privileged;
		this.clock = clock;
	}

	@GetMapping("/audit")
	ModelAndView search(@RequestParam(required = false) String id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String page) {
		Optional<ModelAndView> refused = refused();
		if (refused.isPresent()) {
			return refused.get();
		}
		if (id != null) {
			return find(id.strip());
		}
		var problems = new ArrayList<String>();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		boolean defaults = (from == null || from.isBlank()) && (to == null || to.isBlank());
		LocalDate first = defaults ? today.minusDays(6) : date("From", from, problems);
		LocalDate last = defaults ? today : date("To", to, problems);
		if (first != null && last != null && first.isAfter(last)) {
			problems.add("From (" + first + ") is after To (" + last + "): the range would be empty.");
		}
		int number = page(page, problems);
		var form = new SearchForm("", defaults ? first.toString() : from, defaults ? last.toString() : to);
		if (!problems.isEmpty()) {
			return searchPage(HttpStatus.BAD_REQUEST, form, problems, null, null);
		}
		var start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
		var end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		int total = search.countActive(start, end);
		List<Active> active = search.active(start, end, (number - 1) * PAGE_SIZE, PAGE_SIZE);
		var listing = new Listing(first, last, number, total, active.stream().map(Listed::of).toList());
		return searchPage(HttpStatus.OK, form, List.of(), null, listing);
	}

	@GetMapping("/audit/{changeId}")
	ModelAndView trail(@PathVariable String changeId) {
		Optional<ModelAndView> refused = refused();
		if (refused.isPresent()) {
			return refused.get();
		}
		Optional<String> found = (changeId.length() <= ID_LENGTH) ? search.find(changeId) : Optional.empty();
		if (found.isEmpty()) {
			return notFound(changeId);
		}
		if (!found.get().equals(changeId)) {
			return redirect(found.get());
		}
		List<AuditEntry> entries = trail.trail(changeId);
		var view = AuditTrailView.of(changeId, entries, trail::read, search.chains(changeId),
				verifier.verify(changeId), people(entries));
		return new ModelAndView("audit-trail", Map.of("trail", view));
	}

	private ModelAndView find(String id) {
		var form = new SearchForm(id, "", "");
		if (id.isEmpty()) {
			return searchPage(HttpStatus.BAD_REQUEST, form, List.of("Enter a change id, e.g. CHG-2026-0001."), null,
					null);
		}
		if (id.length() > ID_LENGTH) {
			return searchPage(HttpStatus.BAD_REQUEST, form,
					List.of("A change id has at most " + ID_LENGTH + " characters, e.g. CHG-2026-0001."), null, null);
		}
		return search.find(id).map(this::redirect).orElseGet(() -> notFound(id));
	}

	private ModelAndView notFound(String id) {
		return searchPage(HttpStatus.NOT_FOUND, new SearchForm(id, "", ""), List.of(), "There is no audit trail for "
				+ "‘" + id + "’. Change ids look like CHG-2026-0001; a trail past its retention is gone for good.",
				null);
	}

	private ModelAndView redirect(String changeId) {
		var view = new RedirectView(
				UriComponentsBuilder.fromPath("/audit/{id}").buildAndExpand(changeId).encode().toUriString(), true);
		return new ModelAndView(view);
	}

	private static ModelAndView searchPage(HttpStatus status, SearchForm form, List<String> problems, String notFound,
			Listing listing) {
		var model = new HashMap<String, Object>();
		model.put("form", form);
		model.put("problems", problems);
		model.put("notFound", notFound);
		model.put("listing", listing);
		return new ModelAndView("audit-search", model, status);
	}

	/** Change managers and auditors read the trail; anybody else gets a page saying so. */
	private Optional<ModelAndView> refused() {
		Optional<String> user = caller.userId();
		if (user.isEmpty()) {
			return Optional.of(refusal(HttpStatus.UNAUTHORIZED,
					"Sign in to Tasklist or Cockpit in this browser first, or use HTTP Basic."));
		}
		if (Roles.AUDIT_READERS.stream().noneMatch(caller::isMemberOf)) {
			return Optional.of(refusal(HttpStatus.FORBIDDEN, user.get() + " is not a member of "
					+ String.join(" or ", Roles.AUDIT_READERS) + ": only " + AuditController.WHO + "."));
		}
		return Optional.empty();
	}

	private static ModelAndView refusal(HttpStatus status, String message) {
		return new ModelAndView("audit-refused", Map.of("message", message), status);
	}

	/** Names as the identity store knows them; whoever reads the trail may see who acted in it. */
	private AuditTrailView.People people(List<AuditEntry> entries) {
		var ids = new TreeSet<String>();
		for (AuditEntry entry : entries) {
			if (entry.actor() != null) {
				ids.add(entry.actor());
			}
			if (entry.type().startsWith("task.") || entry.type().startsWith("standard-type.")) {
				var details = trail.read(entry);
				for (String key : List.of("assignee", "owner", "by")) {
					if (details.get(key) instanceof String user) {
						ids.add(user);
					}
				}
			}
		}
		Map<String, User> users = new HashMap<>();
		if (!ids.isEmpty()) {
			privileged.run(() -> identity.createUserQuery().userIdIn(ids.toArray(String[]::new)).list())
				.forEach(user -> users.put(user.getId(), user));
		}
		return new AuditTrailView.People() {

			@Override
			public String who(String userId) {
				User user = users.get(userId);
				String name = (user != null) ? String.join(" ", nonBlank(user.getFirstName()),
						nonBlank(user.getLastName())).strip() : "";
				return name.isEmpty() ? userId : name + " (" + userId + ")";
			}

			@Override
			public String name(String userId) {
				User user = users.get(userId);
				String first = (user != null) ? nonBlank(user.getFirstName()) : "";
				return first.isEmpty() ? userId : first;
			}

		};
	}

	private static String nonBlank(String value) {
		return (value != null) ? value.strip() : "";
	}

	private static LocalDate date(String field, String value, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(field + " is missing: give both dates as yyyy-MM-dd, e.g. 2026-11-21.");
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value.strip());
			// four-digit years: the day after stays within what Instant and the database represent
			if (date.getYear() < 1 || date.getYear() > 9998) {
				throw new DateTimeParseException("out of range", value, 0);
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			problems.add(field + ": ‘" + value + "’ is not a date; use yyyy-MM-dd, e.g. 2026-11-21.");
			return null;
		}
	}

	private static int page(String value, List<String> problems) {
		if (value == null || value.isBlank()) {
			return 1;
		}
		try {
			int page = Integer.parseInt(value.strip());
			if (page >= 1 && page <= 1_000_000) {
				return page;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		problems.add("Page: ‘" + value + "’ is not a page number (1, 2, 3 …).");
		return 1;
	}

	/** What the search forms show: the input as given. */
	record SearchForm(String id, String from, String to) {
	}

	/** One page of the changes active between two dates. */
	record Listing(LocalDate from, LocalDate to, int page, int total, List<Listed> changes) {

		public int pages() {
			return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		}

		public int firstNumber() {
			return (page - 1) * PAGE_SIZE + 1;
		}

		public int lastNumber() {
			return firstNumber() + changes.size() - 1;
		}

		public boolean hasPrevious() {
			return page > 1;
		}

		public boolean hasNext() {
			return page < pages();
		}

	}

	record Listed(String changeId, String title, String requester, String category, String first, String last,
			long rows) {

		static Listed of(Active active) {
			return new Listed(active.changeId(), value(active.request(), "title"),
					value(active.request(), "requester"), value(active.request(), "changeCategory"),
					AuditTrailView.TIME.format(active.first()), AuditTrailView.TIME.format(active.last()),
					active.rows());
		}

		private static String value(Map<String, Object> request, String key) {
			return (request.get(key) != null) ? AuditTrailView.text(request.get(key)) : "—";
		}

	}

}
