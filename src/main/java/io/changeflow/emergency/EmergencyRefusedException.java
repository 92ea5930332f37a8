package io.changeflow.emergency;

import java.util.List;

/** A declaration or step the engine refuses; nothing is started or completed, and the message names every problem. */
class EmergencyRefusedException extends RuntimeException {

	EmergencyRefusedException(String what, List<String> problems) {
		super(what + ": " + String.join("; ", problems));
	}

}
