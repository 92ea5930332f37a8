package io.changeflow.notification;

import java.util.ArrayList;
import java.util.List;

import io.changeflow.security.Roles;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Timeout listeners of every human step: when a step is due its candidates are reminded; when it is still open
 * after the escalation period the change managers are alerted and the task rises to the top of Tasklist.
 */
@Configuration(proxyBeanMethods = false)
class OverdueTaskListeners {

	static final int ESCALATED_PRIORITY = 100;

	@Bean
	TaskListener remindOverdueTaskListener(Notifications notifications) {
		return task -> {
			String subject = "Reminder: " + task.getName() + " is due";
			String body = describe(task) + ". Please act on it or hand it over in Tasklist.";
			if (task.getAssignee() != null) {
				notifications.send(Notification.toUser(task.getAssignee(), changeId(task), subject, body));
			}
			candidateGroups(task)
				.forEach(group -> notifications.send(Notification.toGroup(group, changeId(task), subject, body)));
		};
	}

	@Bean
	TaskListener escalateOverdueTaskListener(Notifications notifications) {
		return task -> {
			task.setPriority(ESCALATED_PRIORITY);
			var candidates = new ArrayList<String>(candidateGroups(task));
			if (task.getAssignee() != null) {
				candidates.add(0, task.getAssignee());
			}
			notifications.send(Notification.toGroup(Roles.CHANGE_MANAGERS, changeId(task),
					"Escalation: " + task.getName() + " is overdue",
					describe(task) + " and is still open; candidates: " + String.join(", ", candidates) + "."));
		};
	}

	private static List<String> candidateGroups(DelegateTask task) {
		return task.getCandidates()
			.stream()
			.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
			.map(link -> link.getGroupId())
			.toList();
	}

	private static String describe(DelegateTask task) {
		return "'" + task.getName() + "' for change '" + task.getVariable("title") + "' (" + changeId(task)
				+ ") was due at " + task.getDueDate().toInstant();
	}

	// the change module sets this variable when the request is checked, before any human step exists
	private static String changeId(DelegateTask task) {
		return (String) task.getVariable("changeId");
	}

}
