package io.changeflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceCsvTests {

	@Test
	void cellsASpreadsheetWouldRunAreDefusedAndCellsWithSeparatorsQuoted() {
		assertThat(EvidenceCsv.cell("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
		assertThat(EvidenceCsv.cell("+1")).isEqualTo("'+1");
		assertThat(EvidenceCsv.cell("-1")).isEqualTo("'-1");
		assertThat(EvidenceCsv.cell("@cmd")).isEqualTo("'@cmd");
		assertThat(EvidenceCsv.cell("\tx")).isEqualTo("'\tx");
		assertThat(EvidenceCsv.cell("=HYPERLINK(\"http://x\",\"y\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
		assertThat(EvidenceCsv.cell("Rotate, then reload")).isEqualTo("\"Rotate, then reload\"");
		assertThat(EvidenceCsv.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
		assertThat(EvidenceCsv.cell("2026-11-21T09:00:00Z")).isEqualTo("2026-11-21T09:00:00Z");
		assertThat(EvidenceCsv.cell("")).isEmpty();
	}

}
