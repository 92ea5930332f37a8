package io.changeflow.policy;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Freezes and bookings on the embedded default (H2). */
@SpringBootTest
@ActiveProfiles({ "test", "demo" })
class FreezesAndBookingsTests extends FreezesAndBookingsScenario {

}
