/**
 * Push webhooks for tooling (issue 5): every phase and gate change of a change is written to an outbox in the
 * transaction that made it, then delivered to the configured subscriptions as signed JSON, retried with backoff until
 * the receiver accepts it or the attempts run out. Change managers list and retry deliveries over {@code /api/webhooks}.
 */
package io.changeflow.webhook;
