package io.changeflow.policy;

import java.time.Instant;

/**
 * The slot a change is scheduled in; another change on the same service and environment must not overlap it. A null
 * service or environment was not named, so the booking collides with every one.
 */
public record Booking(String changeId, String title, String service, String environment, Instant start,
		Instant end, DeploymentWindow window) {

}
