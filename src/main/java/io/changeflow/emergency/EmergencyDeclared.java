package io.changeflow.emergency;

/**
 * An emergency change was declared and is being implemented now.
 *
 * @param freeze the post-incident freeze it opened or joined, in words
 */
public record EmergencyDeclared(String changeId, String title, String incident, String emergencyKind,
		boolean securityChange, String service, String environment, String declaredBy, String freeze) {
}
