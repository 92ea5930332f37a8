package io.changeflow.notification;

import java.util.List;

import io.changeflow.change.ChangeExpired;
import io.changeflow.change.ChangeScheduled;
import io.changeflow.change.StandardTypeDemoted;
import io.changeflow.emergency.EmergencyDeclared;
import io.changeflow.metrics.ChangeReportPublished;
import io.changeflow.security.Roles;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the people concerned what happened to a change; runs in the transaction that published the event. */
@Component
class ChangeNotifications {

	private final Notifications notifications;

	ChangeNotifications(Notifications notifications) {
		this.notifications = notifications;
	}

	@EventListener
	void on(ChangeScheduled event) {
		String subject = (event.rescheduled() ? "Change rescheduled: '" : "Change scheduled: '") + event.title()
				+ "' " + event.start() + " – " + event.end();
		String body = (event.rescheduled() ? "Moved from " + event.previousStart() + ". " : "") + event.window()
				+ ". " + String.join("; ", event.reasons());
		notifications.send(Notification.toUser(event.requester(), event.changeId(), subject, body));
		notifications.send(Notification.toGroup(Roles.IMPLEMENTERS, event.changeId(), subject, body));
	}

	@EventListener
	void on(ChangeExpired event) {
		String subject = "Change expired: '" + event.title() + "'";
		String body = event.step() + ": the change was abandoned and has ended as expired. Request it again if it"
				+ " is still needed.";
		notifications.send(Notification.toUser(event.requester(), event.changeId(), subject, body));
		notifications.send(Notification.toGroup(Roles.CHANGE_MANAGERS, event.changeId(), subject, body));
	}

	// the failed changes' requesters learn it from their own outcome; the change managers decide on re-approval
	@EventListener
	void on(StandardTypeDemoted event) {
		String changeId = event.failedChanges().get(event.failedChanges().size() - 1);
		notifications.send(Notification.toGroup(Roles.CHANGE_MANAGERS, changeId,
				"Standard change type demoted: " + event.type(),
				event.reason() + ". Requests of this type now run as normal changes until a change manager re-approves"
						+ " the type (POST /api/standard-types/" + event.type() + "/reapprove)."));
	}

	// 002 §4.3: the emergency CAB records its approval after the fact, so it must know at once
	@EventListener
	void on(EmergencyDeclared event) {
		String subject = "Emergency declared: '" + event.title() + "' (" + event.incident() + ")";
		String body = event.declaredBy() + " declared a " + event.emergencyKind() + " emergency on " + event.service()
				+ "/" + event.environment() + (event.securityChange() ? " (security change)" : "")
				+ "; it is being implemented now. " + event.freeze() + ". Record your approval once given.";
		for (String group : List.of(Roles.CHANGE_MANAGERS, Roles.CAB_ENGINEERING_LEAD, Roles.CAB_SECURITY,
				Roles.CAB_OPERATIONS)) {
			notifications.send(Notification.toGroup(group, event.changeId(), subject, body));
		}
	}

	// 002 §10.2: the weekly summary goes to engineering, the monthly metrics and the quarterly review to leadership
	@EventListener
	void on(ChangeReportPublished event) {
		String body = (event.breached().isEmpty() ? "Every KPI met its target."
				: "Missed target: " + String.join(", ", event.breached()) + ". The change managers review it.")
				+ " Read it at /api/reports/" + event.reportId();
		for (String group : event.kind().audience) {
			notifications.send(Notification.toGroup(group, null, event.title(), body));
		}
	}

}
