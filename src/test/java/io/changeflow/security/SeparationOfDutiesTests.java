package io.changeflow.security;

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import org.junit.jupiter.api.extension.ExtendWith;

/** The separation-of-duties bypasses on the embedded database. */
@AppTest
@ExtendWith(AuditedFlows.class)
class SeparationOfDutiesTests extends SeparationOfDutiesScenario {

}
