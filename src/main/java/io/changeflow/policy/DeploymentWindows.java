package io.changeflow.policy;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

import io.changeflow.policy.PolicyProperties.Hours;

/** The daily hours of each {@link DeploymentWindow}, UTC ({@code changeflow.policy.windows}). */
public class DeploymentWindows {

	// 002 §8.1
	private static final Map<DeploymentWindow, Hours> DEFAULTS = Map.of(DeploymentWindow.LOW_TRAFFIC,
			new Hours(LocalTime.of(2, 0), LocalTime.of(6, 0)), DeploymentWindow.BUSINESS_HOURS,
			new Hours(LocalTime.of(14, 0), LocalTime.of(18, 0)));

	private final Map<DeploymentWindow, Hours> hours = new EnumMap<>(DEFAULTS);

	/**
	 * @param configured hours that replace the defaults; checked, so a window that can never hold a slot fails
	 * startup
	 */
	DeploymentWindows(Map<DeploymentWindow, Hours> configured) {
		configured.forEach((window, hours) -> this.hours.put(window, checked(window, hours)));
	}

	/** E.g. "Low-traffic window 02:00–06:00 UTC", "Any time (24/7)". */
	public String label(DeploymentWindow window) {
		return window.isAnyTime() ? window.title
				: window.title + " " + opens(window) + "–" + closes(window) + " UTC";
	}

	public LocalTime opens(DeploymentWindow window) {
		return this.hours.get(window).opens();
	}

	public LocalTime closes(DeploymentWindow window) {
		return this.hours.get(window).closes();
	}

	private static Hours checked(DeploymentWindow window, Hours hours) {
		String key = "changeflow.policy.windows." + window.name().toLowerCase().replace('_', '-');
		if (window.isAnyTime()) {
			throw new IllegalArgumentException(key + ": the any-time window has no hours");
		}
		if (hours.opens() == null || hours.closes() == null) {
			throw new IllegalArgumentException(key + " needs both opens and closes, was " + hours);
		}
		if (hours.opens().equals(hours.closes())) {
			throw new IllegalArgumentException(key + " never opens: opens and closes are both " + hours.opens());
		}
		if (hours.closes().isBefore(hours.opens())) {
			throw new IllegalArgumentException(key + " is inverted: closes " + hours.closes() + " before it opens "
					+ hours.opens() + "; windows across midnight are not supported,"
					+ " so it must open and close on the same UTC day");
		}
		return hours;
	}

}
