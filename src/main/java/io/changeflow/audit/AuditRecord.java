package io.changeflow.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to a change, before the trail numbers, times and links it.
 *
 * @param actor who did it; null for the engine itself (timers, jobs)
 * @param details values that explain it (decision, comment, rule, slot…); written as a JSON object with sorted keys
 */
record AuditRecord(String changeId, RetentionClass retention, String type, String actor, String processInstanceId,
		String activityId, String activityName, String taskId, Map<String, Object> details) {

	static AuditRecord of(String changeId, String type, String actor, Map<String, Object> details) {
		return new AuditRecord(changeId, RetentionClass.RECORDS, type, actor, null, null, null, null, details);
	}

	/** Name-value pairs in order, leaving out the values that are null. */
	static Map<String, Object> details(Object... namesAndValues) {
		var details = new LinkedHashMap<String, Object>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				details.put((String) namesAndValues[i], namesAndValues[i + 1]);
			}
		}
		return details;
	}

}
