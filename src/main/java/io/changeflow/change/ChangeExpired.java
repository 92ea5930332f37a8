package io.changeflow.change;

/** A change was abandoned: {@code step} was not acted on until it expired. */
public record ChangeExpired(String changeId, String title, String requester, String step) {
}
