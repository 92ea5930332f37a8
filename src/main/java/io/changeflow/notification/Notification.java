package io.changeflow.notification;

import java.time.Instant;

/** A message to one user or one group about a change; {@code sentAt} is null until stored. */
public record Notification(String recipient, RecipientType recipientType, String changeId, String subject,
		String body, Instant sentAt) {

	static Notification toUser(String user, String changeId, String subject, String body) {
		return new Notification(user, RecipientType.USER, changeId, subject, body, null);
	}

	static Notification toGroup(String group, String changeId, String subject, String body) {
		return new Notification(group, RecipientType.GROUP, changeId, subject, body, null);
	}

	public enum RecipientType {

		USER, GROUP

	}

}
