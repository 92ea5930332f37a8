package io.changeflow.system;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every statement is planned for its own parameters. The engine's authorization checks filter on
 * permission bits ({@code PERMS_ & ? = ?}); a cached generic plan cannot know which bit, guesses that few
 * authorizations match, and joins every open task with every authorization: the approver inbox at 20,000 open tasks
 * took 28 s instead of 0.6 s (docs/benchmarks.md). Set on the pool, so it holds for every profile and URL.
 */
@Component
class PostgresPlanning implements BeanPostProcessor {

	static final String CUSTOM_PLANS = "SET plan_cache_mode = force_custom_plan";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
			pool.setConnectionInitSql(CUSTOM_PLANS);
		}
		return bean;
	}

}
