package io.changeflow.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.changeflow.audit.AuditSearch.Chain;
import io.changeflow.audit.AuditVerifier.Broken;
import io.changeflow.audit.AuditVerifier.Verification;

/**
 * The audit page of one change: both chains' rows merged by time, each in words, and per chain whether it is as
 * written. What the template reads is public: its expressions (SpEL) only find public methods.
 */
final class AuditTrailView {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final String changeId;

	private final Map<String, Object> request;

	private final List<Row> rows;

	private final List<ChainStatus> chains;

	private final Verification verification;

	private final String problem;

	private AuditTrailView(String changeId, Map<String, Object> request, List<Row> rows, List<ChainStatus> chains,
			Verification verification, String problem) {
		this.changeId = changeId;
		this.request = request;
		this.rows = rows;
		this.chains = chains;
		this.verification = verification;
		this.problem = problem;
	}

	/**
	 * @param details a row's details as a map
	 * @param people a user id as the who column shows it ("Carol Demo (carol)") and as sentences name them ("Carol")
	 */
	static AuditTrailView of(String changeId, List<AuditEntry> entries,
			Function<AuditEntry, Map<String, Object>> details, List<Chain> chains, Verification verification,
			People people) {
		Broken broken = verification.firstBroken();
		Map<String, Object> request = Map.of();
		var rows = new ArrayList<Row>(entries.size());
		for (AuditEntry entry : entries) {
			Map<String, Object> values = details.apply(entry);
			// the newest request (a converted change is requested again); a freeze's declaration instead
			if (entry.type().equals("change.requested")
					|| (request.isEmpty() && entry.type().equals("freeze.declared"))) {
				request = values;
			}
			boolean faulty = broken != null && entry.chainId().equals(broken.chainId())
					&& Objects.equals(entry.seq(), broken.seq());
			var listed = values.entrySet()
				.stream()
				.map(value -> new Detail(value.getKey(), text(value.getValue())))
				.toList();
			rows.add(new Row(entry, (entry.actor() != null) ? people.who(entry.actor()) : "engine",
					AuditWording.describe(entry, values, people::name), retention(changeId, entry.chainId()), listed,
					faulty));
		}
		var statuses = chains.stream().map(chain -> status(chain, rows, verification)).toList();
		// a broken anchor, or a chain that has rows but no head: not one of the banners above
		boolean shown = broken != null && chains.stream().anyMatch(chain -> chain.chainId().equals(broken.chainId()));
		String problem = (broken != null && !shown) ? broken.problem() : null;
		return new AuditTrailView(changeId, request, rows, statuses, verification, problem);
	}

	private static ChainStatus status(Chain chain, List<Row> rows, Verification verification) {
		String label = label(chain.retention());
		long count = rows.stream().filter(row -> row.chainId().equals(chain.chainId())).count();
		if (chain.purgedAt() != null) {
			return new ChainStatus(chain.chainId(), label, "purged", "Purged " + TIME.format(chain.purgedAt())
					+ " UTC after its retention; it ended at row " + chain.headSeq() + ".", null);
		}
		Broken broken = verification.firstBroken();
		if (broken != null && chain.chainId().equals(broken.chainId())) {
			String at = (broken.seq() != null) ? anchor(chain.chainId(), broken.seq()) : null;
			return new ChainStatus(chain.chainId(), label, "broken", "Broken: " + broken.problem() + ".",
					(at != null && rows.stream().anyMatch(row -> row.anchor().equals(at))) ? at : null);
		}
		if (verification.intact()) {
			return new ChainStatus(chain.chainId(), label, "intact", "Intact: " + count(count, "row")
					+ ", each matching its hash and linked to the row before it.", null);
		}
		return new ChainStatus(chain.chainId(), label, "unknown", "No break reported in this chain: the check names "
				+ "only the first broken link it finds.", null);
	}

	private static String label(RetentionClass retention) {
		String kept = " (kept " + count(retention.keep.getYears(), "year") + ")";
		return switch (retention) {
			case RECORDS -> "Records: request, approvals, implementation and rollback" + kept;
			case DEPLOYMENT -> "Deployment log: gate and pipeline reports" + kept;
		};
	}

	private static RetentionClass retention(String changeId, String chainId) {
		for (RetentionClass retention : RetentionClass.values()) {
			if (retention.chainOf(changeId).equals(chainId)) {
				return retention;
			}
		}
		return RetentionClass.RECORDS;
	}

	static String text(Object value) {
		if (value instanceof Collection<?> values) {
			return String.join(", ", values.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

	private static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	// the id of a row's table row: chain ids hold a slash, ids had better not
	private static String anchor(String chainId, int seq) {
		return "row-" + chainId.replace('/', '-') + "-" + seq;
	}

	public String changeId() {
		return changeId;
	}

	/** The request's title, or the freeze's name; null when the trail has neither. */
	public String title() {
		Object title = request.containsKey("title") ? request.get("title") : request.get("name");
		return (title != null) ? title.toString() : null;
	}

	/** The requested change's facts, in the order people ask about them; those the request lacks left out. */
	public List<Detail> facts() {
		var facts = new ArrayList<Detail>();
		for (var fact : List.of(List.of("requester", "Requester"), List.of("changeCategory", "Category"),
				List.of("changeType", "Type"), List.of("riskLevel", "Risk"), List.of("service", "Service"),
				List.of("environment", "Environment"))) {
			if (request.get(fact.get(0)) != null) {
				facts.add(new Detail(fact.get(1), text(request.get(fact.get(0)))));
			}
		}
		return facts;
	}

	public List<Row> rows() {
		return rows;
	}

	public List<ChainStatus> chains() {
		return chains;
	}

	public boolean intact() {
		return verification.intact();
	}

	/** A problem the check found outside the chains shown, e.g. in an anchor; null when none. */
	public String problem() {
		return problem;
	}

	/** E.g. "Checked 2 chains (45 rows) and 3 anchors at 2026-11-21 09:00:00 UTC." */
	public String checked() {
		return "Checked " + count(verification.chains(), "chain") + " (" + count(verification.rows(), "row") + ") and "
				+ count(verification.anchors(), "anchor") + " at " + TIME.format(verification.checkedAt()) + " UTC.";
	}

	/** How the trail names people: "Carol Demo (carol)" in the who column, "Carol" in sentences. */
	interface People {

		String who(String userId);

		String name(String userId);

	}

	/** @param faulty the row the verification names as the first broken link */
	record Row(AuditEntry entry, String who, String what, RetentionClass retention, List<Detail> details,
			boolean faulty) {

		public String anchor() {
			return AuditTrailView.anchor(entry.chainId(), entry.seq());
		}

		public String chainId() {
			return entry.chainId();
		}

		public Instant at() {
			return entry.at();
		}

		public String time() {
			return TIME.format(entry.at());
		}

		public String step() {
			return (entry.activityName() != null) ? entry.activityName() : entry.activityId();
		}

		public String chain() {
			return retention.value;
		}

		public int seq() {
			return entry.seq();
		}

		public String hash() {
			return entry.hash();
		}

		public String shortHash() {
			return entry.hash().substring(0, Math.min(12, entry.hash().length()));
		}

	}

	record Detail(String name, String value) {
	}

	/**
	 * @param state intact, broken, purged, or unknown (another chain broke first)
	 * @param brokenRow the anchor of the faulty row on this page; null when the row is not shown
	 */
	record ChainStatus(String chainId, String label, String state, String message, String brokenRow) {
	}

}
