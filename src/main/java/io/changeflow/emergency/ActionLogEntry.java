package io.changeflow.emergency;

import java.time.Instant;

/** One line of an emergency's action log: who did what, when (engine clock). */
public record ActionLogEntry(String id, String changeId, Instant at, String author, String entry) {
}
