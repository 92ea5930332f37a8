package io.changeflow.change;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change ids in policy 000's format {@code CHG-YYYY-NNNN}: sequential per year (UTC), unique and gap-free across engine
 * nodes. The number is taken from a counter row locked by the creating transaction, so parallel creates queue on it
 * and a create that fails gives its number back with the rollback.
 */
@Component
class ChangeIds {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	ChangeIds(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** This year's and next year's counters exist before the first create, so parallel first creates never race. */
	@EventListener(ApplicationReadyEvent.class)
	void openYears() {
		int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
		openYear(year);
		openYear(year + 1);
	}

	/** Must run inside the transaction that creates the change: the counter stays locked until it ends. */
	String next() {
		int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
		if (increment(year) == 0) {
			openYear(year);
			increment(year);
		}
		int number = jdbc.sql("select last_number from cf_change_counter where change_year = ?")
			.param(year)
			.query(Integer.class)
			.single();
		return "CHG-%d-%04d".formatted(year, number);
	}

	private int increment(int year) {
		return jdbc.sql("update cf_change_counter set last_number = last_number + 1 where change_year = ?")
			.param(year)
			.update();
	}

	// committed on its own, so a create never loses its transaction to a duplicate-key race on a new year
	private void openYear(int year) {
		try {
			ownTransaction.executeWithoutResult(status -> jdbc
				.sql("insert into cf_change_counter (change_year, last_number) values (?, 0)")
				.param(year)
				.update());
		}
		catch (DuplicateKeyException ex) {
			// another node opened the year first
		}
	}

}
