package io.changeflow.change;

import java.util.List;

/** A standard change type failed too often and now runs as a normal change until a change manager re-approves it. */
public record StandardTypeDemoted(String type, String reason, List<String> failedChanges) {
}
