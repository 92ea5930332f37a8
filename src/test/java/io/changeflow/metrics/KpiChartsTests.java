package io.changeflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The trend chart is well-formed, self-contained SVG that says what it shows in words and escapes what it prints. */
class KpiChartsTests {

	static final Instant MONDAY = Instant.parse("2026-10-05T00:00:00Z");

	@Test
	void aTrendIsALinePerRunOfWeeksWithDataTheTargetDashedAndMissesAsSquares() throws Exception {
		// 100 %, 50 % (missed), no data, 75 % (missed): two runs of the line
		var weeks = List.of(week(0, 100.0, 3, 3), week(1, 50.0, 1, 2), week(2, null, 0, 0), week(3, 75.0, 3, 4));

		String svg = KpiCharts.trend(ChangeKpis.SUCCESS_RATE, weeks);
		Document chart = parse(svg);

		Element root = chart.getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("svg");
		assertThat(root.getAttribute("role")).isEqualTo("img");
		String title = text(chart, "title", 0);
		assertThat(title).isEqualTo("Change success rate, target > 95 %, per period");
		assertThat(root.getAttribute("aria-labelledby")).contains(root.getElementsByTagName("title").item(0)
			.getAttributes().getNamedItem("id").getNodeValue());
		assertThat(text(chart, "desc", 0)).isEqualTo("W41 (2026-10-05 – 2026-10-11): 100 % (3 of 3 changes); "
				+ "W42 (2026-10-12 – 2026-10-18): 50 % (1 of 2 changes), target missed; "
				+ "W43 (2026-10-19 – 2026-10-25): no data; "
				+ "W44 (2026-10-26 – 2026-11-01): 75 % (3 of 4 changes), target missed.");
		assertThat(chart.getElementsByTagName("polyline").getLength()).isEqualTo(1);
		assertThat(((Element) chart.getElementsByTagName("polyline").item(0)).getAttribute("points").split(" "))
			.as("the first run; 75 % stands alone after the gap").hasSize(2);
		assertThat(chart.getElementsByTagName("circle").getLength()).isEqualTo(1);
		assertThat(elements(chart, "rect")).filteredOn(rect -> rect.getAttribute("width").equals("10")).hasSize(2);
		assertThat(elements(chart, "line")).as("the target and its legend")
			.filteredOn(line -> line.hasAttribute("stroke-dasharray"))
			.hasSize(2);
		assertThat(elements(chart, "text")).extracting(Element::getTextContent)
			.contains("Change success rate", "W41", "W42", "W43", "W44", "percent", "period (UTC)", "target > 95 %",
					"40 %", "100 %");
		// nothing to fetch: no links, images, style sheets or scripts
		assertThat(svg).doesNotContain("href", "url(", "<script", "<style", "<image", "@import");
	}

	@Test
	void labelsArePrintedAsTextNeverAsMarkup() throws Exception {
		var kpi = new Kpi("hostile", "Rate <script>alert('x')</script> & \"more\"", 10.0, 1, 10, null, "percent");
		var period = new KpiSnapshot(MONDAY, MONDAY.plus(1, ChronoUnit.DAYS), List.of(kpi));

		String svg = KpiCharts.trend("hostile", List.of(period));

		assertThat(svg).doesNotContain("<script").contains("Rate &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
				+ " &amp; &quot;more&quot;");
		assertThat(text(parse(svg), "title", 0)).isEqualTo("Rate <script>alert('x')</script> & \"more\", per period");
	}

	@Test
	void hoursStartAtZeroAndAChartWithoutDataSaysSo() throws Exception {
		var empty = new ArrayList<KpiSnapshot>();
		for (int index = 0; index < 3; index++) {
			empty.add(new KpiSnapshot(MONDAY, MONDAY.plus(7, ChronoUnit.DAYS), List.of(new Kpi("mean-time-to-deploy",
					"Mean time to deploy (normal changes)", null, 0, 0, KpiCalculator.DEPLOY_TARGET, "hours"))));
		}
		Document chart = parse(KpiCharts.trend(ChangeKpis.MEAN_TIME_TO_DEPLOY, empty));

		assertThat(elements(chart, "text")).extracting(Element::getTextContent)
			.contains("No data in these periods", "hours", "0 h", "target < 2 h");
		assertThat(chart.getElementsByTagName("polyline").getLength()).isZero();
		assertThatThrownBy(() -> KpiCharts.trend("no-such-kpi", empty)).isInstanceOf(IllegalArgumentException.class);
	}

	static KpiSnapshot week(int index, Double value, int numerator, int denominator) {
		Instant from = MONDAY.plus(7L * index, ChronoUnit.DAYS);
		return new KpiSnapshot(from, from.plus(7, ChronoUnit.DAYS), List.of(new Kpi(ChangeKpis.SUCCESS_RATE,
				"Change success rate", value, numerator, denominator, KpiCalculator.SUCCESS_TARGET, "percent")));
	}

	static Document parse(String svg) throws Exception {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

	static String text(Document chart, String tag, int index) {
		return chart.getElementsByTagName(tag).item(index).getTextContent();
	}

	static List<Element> elements(Document chart, String tag) {
		NodeList nodes = chart.getElementsByTagName(tag);
		var elements = new ArrayList<Element>();
		for (int index = 0; index < nodes.getLength(); index++) {
			elements.add((Element) nodes.item(index));
		}
		return elements;
	}

}
