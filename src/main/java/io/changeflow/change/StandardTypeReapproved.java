package io.changeflow.change;

/** A change manager put a demoted standard change type back on the pre-approved list. */
public record StandardTypeReapproved(String type, String by, String reason) {
}
