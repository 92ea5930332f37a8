package io.changeflow.policy;

import java.time.MonthDay;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The yearly holiday freeze, both days inclusive, written "MM-dd" as in the policy.
 * {@code end} before {@code start} means the freeze spans the new year.
 */
@ConfigurationProperties("changeflow.policy.holiday-freeze")
record HolidayFreezeProperties(@DefaultValue("12-20") @DateTimeFormat(pattern = "MM-dd") MonthDay start,
		@DefaultValue("01-05") @DateTimeFormat(pattern = "MM-dd") MonthDay end, @DefaultValue("UTC") ZoneId zone) {

}
