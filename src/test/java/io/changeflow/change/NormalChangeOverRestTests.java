package io.changeflow.change;

import io.changeflow.AppTest;

/** The REST scenario on the embedded default (H2). */
@AppTest
class NormalChangeOverRestTests extends NormalChangeOverRestScenario {

}
