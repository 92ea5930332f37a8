package io.changeflow.emergency;

/**
 * An emergency change as the action log sees it.
 *
 * @param documenting still running and not yet past "Implement fix" and "Document actions": entries are accepted
 */
record EmergencyRun(String changeId, String processInstanceId, String requester, boolean documenting) {
}
