package io.changeflow.upgrade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.TestingMatrix;
import io.changeflow.policy.TestingMatrix.Evidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/**
 * Checks a runtime upgrade proposal (002 §4.4 development and proposal steps) and refuses it whole, naming every
 * problem: the WASM hash, the texts validators review, a spec version above the last enacted one, and the
 * development evidence (testing matrix row "runtime-upgrade", testnet deployment, audit of significant changes).
 */
@Service
class RuntimeUpgradeProposals {

	static final Pattern WASM_HASH = Pattern.compile("^0x[0-9a-fA-F]{64}$");

	/** A runtime upgrade changes one thing: the QuantumHarmony runtime on the production chain. */
	static final String SERVICE = "quantumharmony-runtime";

	static final String ENVIRONMENT = "production";

	static final String GATE = "Check proposal";

	private static final List<String> REQUIRED_TEXTS = List.of("title", "summary", "specName", "changelog",
			"migrationNotes");

	private final RuntimeReleases releases;

	private final TestingMatrix matrix;

	private final PolicyDecisionLog decisions;

	RuntimeUpgradeProposals(RuntimeReleases releases, TestingMatrix matrix, PolicyDecisionLog decisions) {
		this.releases = releases;
		this.matrix = matrix;
		this.decisions = decisions;
	}

	/**
	 * Accepts the proposal (normalised hash, implied service and environment, the rule in the decision log) or
	 * refuses it.
	 * @throws InvalidRuntimeUpgradeException naming every problem
	 */
	void check(DelegateExecution proposal) {
		var problems = new ArrayList<String>();
		if (proposal.getVariable("requester") == null) {
			problems.add("a runtime upgrade must be proposed by an authenticated user");
		}
		for (String name : REQUIRED_TEXTS) {
			if (text(proposal, name).isEmpty()) {
				problems.add(name + " is required");
			}
		}
		String hash = text(proposal, "wasmHash");
		if (!WASM_HASH.matcher(hash).matches()) {
			problems.add("wasmHash '" + hash + "' is not 0x followed by 64 hexadecimal digits");
		}
		Long specVersion = specVersion(proposal.getVariable("specVersion"), problems);
		String specName = text(proposal, "specName");
		if (specVersion != null && !specName.isEmpty()) {
			OptionalLong enacted = releases.lastEnactedVersion(specName);
			if (enacted.isPresent() && specVersion <= enacted.getAsLong()) {
				problems.add("specVersion " + specVersion + " must be greater than " + enacted.getAsLong()
						+ ", the last enacted version of " + specName);
			}
		}
		var evidence = matrix.check("runtime-upgrade", new Evidence(flag(proposal, "testUnit"),
				flag(proposal, "testIntegration"), flag(proposal, "testTestnet"), flag(proposal, "testCanary")));
		// the matrix's "staging" is the testnet for a chain (002 §4.4 "testnet deployment successful")
		evidence.missing()
			.forEach(missing -> problems.add("evidence missing: " + missing.replace("staging", "testnet")));
		if (flag(proposal, "significant")) {
			if (!flag(proposal, "securityAudit")) {
				problems.add("a security audit is required for significant changes");
			}
			else if (text(proposal, "securityAuditReference").isEmpty()) {
				problems.add("securityAuditReference is required when a security audit is claimed");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRuntimeUpgradeException("Runtime upgrade proposal is incomplete or invalid", problems);
		}

		proposal.setVariable("wasmHash", hash.toLowerCase(Locale.ROOT));
		proposal.setVariable("specVersion", specVersion);
		proposal.setVariable("service", SERVICE);
		proposal.setVariable("environment", ENVIRONMENT);
		proposal.setVariable("changeType", "runtime-upgrade");
		proposal.setVariable("testingEvidenceRule", evidence.rule());
		proposal.setVariable("testingEvidenceAdvice", evidence.advice());
		decisions.record(proposal, GATE, evidence.rule() + "; testnet deployment required (002 §4.4)"
				+ (flag(proposal, "significant") ? "; significant: security audit "
						+ text(proposal, "securityAuditReference") + " (000, 002 §4.4)" : "")
				+ (evidence.advice() == null ? "" : "; " + evidence.advice()));
	}

	// the form's number field sends a Long; REST clients may send a String or a Double
	private static Long specVersion(Object value, List<String> problems) {
		String text = Objects.toString(value, "").strip();
		if (text.isEmpty()) {
			problems.add("specVersion is required");
			return null;
		}
		try {
			long version = new BigDecimal(text).longValueExact();
			if (version < 1) {
				problems.add("specVersion " + version + " must be positive");
				return null;
			}
			return version;
		}
		catch (ArithmeticException | NumberFormatException ex) {
			problems.add("specVersion '" + text + "' is not a whole number");
			return null;
		}
	}

	private static String text(DelegateExecution proposal, String name) {
		return Objects.toString(proposal.getVariable(name), "").strip();
	}

	private static boolean flag(DelegateExecution proposal, String name) {
		Object value = proposal.getVariable(name);
		return Boolean.TRUE.equals(value) || "true".equals(value);
	}

}
