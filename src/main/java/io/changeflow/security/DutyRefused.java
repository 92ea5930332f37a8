package io.changeflow.security;

/**
 * Separation of duties refused a step. Published before the refused step rolls back, so listeners that record it
 * must do so after the transaction completed, in their own.
 * @param changeId the change concerned, null when unknown
 * @param actor who tried, null when nobody was authenticated
 * @param action what was refused, e.g. "complete ReviewChange" or "set variable approvals"
 */
public record DutyRefused(String changeId, String actor, String action, String reason) {
}
