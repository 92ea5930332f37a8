package io.changeflow.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a normal change could run: the next slots the planner would give it. */
@RestController
class SlotController {

	static final int MAX_COUNT = 50;

	private final SlotPlanner planner;

	private final ServiceCatalog catalog;

	private final ApiAccess access;

	private final Clock clock;

	SlotController(SlotPlanner planner, ServiceCatalog catalog, ApiAccess access, Clock clock) {
		this.planner = planner;
		this.catalog = catalog;
		this.access = access;
		this.clock = clock;
	}

	/**
	 * Every parameter is checked and all problems are answered at once. The window follows from change type, risk,
	 * monitoring and maintenance ({@link DeploymentWindow#forChange}).
	 */
	@GetMapping("/api/schedule/slots")
	List<Slot> slots(@RequestParam(required = false) String changeType, @RequestParam(required = false) String risk,
			@RequestParam(required = false) String monitoringHeavy,
			@RequestParam(required = false) String maintenanceWindowRequired,
			@RequestParam(required = false) String service, @RequestParam(required = false) String environment,
			@RequestParam(required = false) String from, @RequestParam(required = false) String count) {
		this.access.authenticated();
		Parameters parameters = new Parameters();
		ChangeType type = parameters.required("changeType", changeType, (value) -> ChangeType.parse(value.strip())
			.orElseThrow(
					() -> new IllegalArgumentException("'" + value + "' is not one of " + ChangeType.allValues())));
		RiskLevel riskLevel = parameters.required("risk", risk, RiskLevel::parse);
		boolean heavy = parameters.flag("monitoringHeavy", monitoringHeavy);
		boolean maintenance = parameters.flag("maintenanceWindowRequired", maintenanceWindowRequired);
		String serviceName = Parameters.blankToNull(service);
		String environmentName = Parameters.blankToNull(environment);
		parameters.addAll(this.catalog.problems(Stream.ofNullable(serviceName).toList(),
				Stream.ofNullable(environmentName).toList()));
		Instant start = parameters.instant("from", from, this.clock.instant());
		int slots = parameters.number("count", count, 5, 1, MAX_COUNT);
		parameters.verify();
		return this.planner.nextSlots(start, DeploymentWindow.forChange(type, riskLevel, heavy, maintenance),
				new ChangeContext("normal", null, serviceName, environmentName, Set.of()), slots);
	}

}
