package io.changeflow.system;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of the job executor, first thing when the node stops (SIGTERM, context close): it acquires no
 * more jobs, the jobs it is running finish, and the jobs it had acquired but not started are unlocked, so another
 * node runs them at once instead of after their lock expires. Without this, Spring's pool would drop the acquired
 * jobs, which stay locked for {@code lock-time-in-millis}. Jobs still running after
 * {@code changeflow.jobs.shutdown-timeout} are abandoned: their transactions roll back with the JVM and their locks
 * expire.
 */
@Component
class JobExecutorShutdown {

	private static final Logger log = LoggerFactory.getLogger(JobExecutorShutdown.class);

	private final ObjectProvider<JobExecutor> jobExecutor;

	private final ObjectProvider<TaskExecutor> pool;

	private final Duration timeout;

	JobExecutorShutdown(ObjectProvider<JobExecutor> jobExecutor,
			@Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> pool,
			@Value("${changeflow.jobs.shutdown-timeout}") Duration timeout) {
		this.jobExecutor = jobExecutor;
		this.pool = pool;
		this.timeout = timeout;
	}

	// before Spring's own pool reacts to the same event, which would refuse the batches acquired meanwhile
	@EventListener(ContextClosedEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void drain() throws InterruptedException {
		JobExecutor executor = jobExecutor.getIfAvailable();
		if (executor == null || !executor.isActive()) {
			return;
		}
		// stops and joins the acquisition thread; queued batches see it inactive and unlock their jobs
		executor.shutdown();
		if (pool.getIfAvailable() instanceof ThreadPoolTaskExecutor threads) {
			ThreadPoolExecutor jobs = threads.getThreadPoolExecutor();
			jobs.shutdown();
			if (jobs.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.info("Job executor stopped: running jobs finished, acquired ones released");
			}
			else {
				log.warn("Jobs still running after {}; their locks expire after lock-time-in-millis", timeout);
			}
		}
	}

}
