package io.changeflow.policy;

import io.changeflow.AppOnPostgresTest;

/** Freezes and bookings on PostgreSQL: the migrations and queries are portable. */
@AppOnPostgresTest
class FreezesAndBookingsOnPostgresTests extends FreezesAndBookingsScenario {

}
