package io.changeflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CodeOwnersTests {

	@Test
	void everySecuritySensitivePathOfPolicy000IsRecognisedWithOrWithoutLeadingSlash() {
		assertThat(CodeOwners.securitySensitive(List.of("src/crypto/aes.rs"))).isTrue();
		assertThat(CodeOwners.securitySensitive(List.of("/src/auth/login.rs"))).isTrue();
		assertThat(CodeOwners.securitySensitive(List.of("Cargo.toml"))).isTrue();
		assertThat(CodeOwners.securitySensitive(List.of("docs/compliance/soc2.md"))).isTrue();
		assertThat(CodeOwners.securitySensitive(List.of(".github/workflows/ci.yml"))).isTrue();
		assertThat(CodeOwners.securitySensitive(List.of("/src/auth"))).isTrue();
	}

	@Test
	void similarLookingPathsAreNotSecuritySensitive() {
		assertThat(CodeOwners.securitySensitive(List.of("src/authz/policy.rs", "crates/x/Cargo.toml", "README.md")))
			.isFalse();
		assertThat(CodeOwners.securitySensitive(List.of())).isFalse();
	}

	@Test
	void onlyWorkflowsArePipelineChanges() {
		assertThat(CodeOwners.pipelineChange(List.of("README.md", ".github/workflows/release.yml"))).isTrue();
		assertThat(CodeOwners.pipelineChange(List.of("src/crypto/aes.rs"))).isFalse();
	}

}
