package io.changeflow.upgrade;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Validators are stored as a readable comma-separated variable ("victor,wendy"); the vote's multi-instance task
 * iterates them with {@code ${validatorList.of(validators)}}.
 */
@Component("validatorList")
public class ValidatorList {

	public List<String> of(String validators) {
		return Arrays.stream(validators.split(",")).map(String::strip).filter(user -> !user.isEmpty()).toList();
	}

}
