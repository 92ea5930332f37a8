package io.changeflow.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Risk classification of a change; drives which deployment window it may use. */
public enum RiskLevel {

	LOW, MEDIUM, HIGH, CRITICAL;

	/** Parses form and API input, which arrives in any case ("low", "Low", "LOW"). */
	public static RiskLevel parse(String value) {
		if (value != null) {
			String normalized = value.trim().toUpperCase(Locale.ROOT);
			for (RiskLevel level : values()) {
				if (level.name().equals(normalized)) {
					return level;
				}
			}
		}
		throw new IllegalArgumentException("Unknown risk level '" + value + "'; allowed values: "
				+ Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + " (case-insensitive)");
	}

}
