package io.changeflow.approval;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Security-sensitive paths of policy 000 (its CODEOWNERS): a change touching one needs a security reviewer;
 * pipeline definitions also need devops.
 */
public final class CodeOwners {

	static final List<String> SECURITY_SENSITIVE = List.of("/src/crypto/", "/src/auth/", "/Cargo.toml",
			"/docs/compliance/", "/.github/workflows/");

	static final String PIPELINES = "/.github/workflows/";

	private CodeOwners() {
	}

	/** The paths a change lists: one per line (form textarea) or comma-separated (tooling). */
	public static List<String> paths(Object affectedPaths) {
		if (affectedPaths == null) {
			return List.of();
		}
		return Arrays.stream(affectedPaths.toString().split("[\\r\\n,]+"))
			.map(String::strip)
			.filter(path -> !path.isEmpty())
			.toList();
	}

	public static boolean securitySensitive(Collection<String> paths) {
		return paths.stream().anyMatch(path -> SECURITY_SENSITIVE.stream().anyMatch(owned -> touches(path, owned)));
	}

	static boolean pipelineChange(Collection<String> paths) {
		return paths.stream().anyMatch(path -> touches(path, PIPELINES));
	}

	// "src/auth/login.rs", "/src/auth" and "/src/auth/" all touch "/src/auth/"; "/src/authz/" does not
	private static boolean touches(String path, String owned) {
		String normalized = path.strip().replace('\\', '/');
		if (!normalized.startsWith("/")) {
			normalized = "/" + normalized;
		}
		if (owned.endsWith("/")) {
			return normalized.startsWith(owned) || normalized.equals(owned.substring(0, owned.length() - 1));
		}
		return normalized.equals(owned);
	}

}
