package io.changeflow.policy;

/**
 * Published once a declared or post-incident freeze is stored, inside the storing transaction, so listeners can
 * notify people and reschedule the changes it blocks ({@code @TransactionalEventListener} to act after commit only).
 */
public record FreezeDeclared(Freeze freeze) {

}
