package io.changeflow.policy;

import io.changeflow.AppTest;

/** Freezes and bookings on the embedded default (H2). */
@AppTest
class FreezesAndBookingsTests extends FreezesAndBookingsScenario {

}
