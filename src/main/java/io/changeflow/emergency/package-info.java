/**
 * Emergency changes (policy 002 §4.3, policy 000 "Emergency Changes"): declaration by an incident commander or the
 * engineering lead, the post-incident freeze it opens, the append-only action log written during the work, the
 * post-implementation review and the follow-up normal change.
 */
package io.changeflow.emergency;
