package io.changeflow.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * KPI charts as inline SVG: one renderer for the dashboard and the reports. An SVG is self-contained (presentation
 * attributes, no style sheet, fonts or links), so it shows the same in a page, a saved report and an HTML e-mail;
 * its {@code <title>} and {@code <desc>} say in words what it shows, for screen readers and clients without SVG.
 */
public final class KpiCharts {

	static final int WIDTH = 640;

	static final int HEIGHT = 260;

	private static final int LEFT = 64;

	private static final int RIGHT = WIDTH - 24;

	private static final int TOP = 44;

	private static final int BOTTOM = HEIGHT - 52;

	private static final String INK = "#1b1b1b";

	private static final String MUTED = "#4a4a4a";

	private static final String GRID = "#d4d4d4";

	private static final String LINE = "#0b4fb3";

	private static final String MISSED = "#a4161a";

	private KpiCharts() {
	}

	/**
	 * The trend of one KPI: its value per period as a line (a gap where a period has no data), the target as a dashed
	 * line, periods on the x axis oldest first, the unit on the y axis. A point that misses the target is a red
	 * square, every other a blue circle; each names its period, value and basis in a tooltip.
	 * @param kpiKey e.g. {@link ChangeKpis#SUCCESS_RATE}
	 * @param periods oldest first, as {@link ChangeKpis#trend} returns them
	 * @throws IllegalArgumentException when no period has the KPI
	 */
	public static String trend(String kpiKey, List<KpiSnapshot> periods) {
		var kpis = new ArrayList<Kpi>();
		Kpi named = null;
		for (KpiSnapshot period : periods) {
			Kpi kpi = period.kpi(kpiKey).orElse(null);
			kpis.add(kpi);
			named = (named == null) ? kpi : named;
		}
		if (named == null) {
			throw new IllegalArgumentException("No period has the KPI " + kpiKey);
		}
		Scale scale = Scale.of(kpis, named);
		String id = "kpi-" + kpiKey.replaceAll("[^A-Za-z0-9-]", "-") + "-"
				+ Integer.toHexString(Objects.hash(periods.stream().map(KpiSnapshot::from).toList()));
		String target = KpiFormat.target(named);
		String title = named.label() + (target.isEmpty() ? "" : ", target " + target) + ", per period";
		var svg = new StringBuilder(4096);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
			.append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
			.append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
			.append("-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\"")
			.append(" font-size=\"12\" style=\"max-width:100%;height:auto\">");
		svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
		svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description(periods, kpis)))
			.append("</desc>");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
		svg.append(text(LEFT, 22, "start", "bold", 15, INK, named.label()));
		if (!target.isEmpty()) {
			// the legend of the dashed line, left of its text (about 6.6 px a character at 12 px)
			String legend = "target " + target;
			int legendStart = RIGHT - (int) Math.round(legend.length() * 6.6) - 8;
			svg.append(text(RIGHT, 22, "end", "normal", 12, MISSED, legend));
			svg.append(dashed(legendStart - 28, legendStart, 18));
		}
		axes(svg, scale, named.unit());
		periodLabels(svg, periods);
		if (named.target() != null && scale.contains(named.target().threshold())) {
			svg.append(dashed(LEFT, RIGHT, scale.y(named.target().threshold())));
		}
		line(svg, scale, kpis);
		points(svg, scale, periods, kpis);
		if (kpis.stream().allMatch(kpi -> kpi == null || kpi.value() == null)) {
			svg.append(text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "middle", "normal", 13, MUTED,
					"No data in these periods"));
		}
		return svg.append("</svg>").toString();
	}

	private static String description(List<KpiSnapshot> periods, List<Kpi> kpis) {
		var parts = new ArrayList<String>();
		for (int index = 0; index < periods.size(); index++) {
			parts.add(point(periods.get(index), kpis.get(index)));
		}
		return parts.isEmpty() ? "No periods." : String.join("; ", parts) + ".";
	}

	// "W45 (2026-11-02 – 2026-11-08): 75 % (3 of 4 changes), target missed"
	private static String point(KpiSnapshot period, Kpi kpi) {
		String name = KpiFormat.period(period) + " (" + KpiFormat.range(period) + "): ";
		if (kpi == null || kpi.value() == null) {
			return name + "no data";
		}
		return name + KpiFormat.value(kpi) + " (" + KpiFormat.basis(kpi) + ")"
				+ (kpi.breached() ? ", target missed" : "");
	}

	private static void axes(StringBuilder svg, Scale scale, String unit) {
		for (int index = 0; scale.min + index * scale.step <= scale.max + scale.step / 2; index++) {
			double tick = scale.min + index * scale.step;
			int y = scale.y(tick);
			svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(RIGHT)
				.append("\" y2=\"").append(y).append("\" stroke=\"").append(GRID).append("\" stroke-width=\"1\"/>");
			svg.append(text(LEFT - 6, y + 4, "end", "normal", 11, MUTED, KpiFormat.number(tick, unit)));
		}
		svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
			.append("\" y2=\"").append(BOTTOM).append("\" stroke=\"").append(MUTED).append("\" stroke-width=\"1\"/>");
		svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(BOTTOM).append("\" x2=\"").append(RIGHT)
			.append("\" y2=\"").append(BOTTOM).append("\" stroke=\"").append(MUTED)
			.append("\" stroke-width=\"1\"/>");
		int middle = (TOP + BOTTOM) / 2;
		svg.append("<text x=\"16\" y=\"").append(middle).append("\" text-anchor=\"middle\" fill=\"").append(MUTED)
			.append("\" font-size=\"11\" transform=\"rotate(-90 16 ").append(middle).append(")\">")
			.append(KpiCalculator.PERCENT.equals(unit) ? "percent" : "hours")
			.append("</text>");
		svg.append(text((LEFT + RIGHT) / 2, HEIGHT - 8, "middle", "normal", 11, MUTED, "period (UTC)"));
	}

	// every label while they fit, else every n-th
	private static void periodLabels(StringBuilder svg, List<KpiSnapshot> periods) {
		int every = Math.max(1, (int) Math.ceil(periods.size() / 13.0));
		for (int index = 0; index < periods.size(); index += every) {
			svg.append(text(x(index, periods.size()), BOTTOM + 18, "middle", "normal", 11, INK,
					KpiFormat.period(periods.get(index))));
		}
	}

	// one polyline per run of periods with data: a period without data is a gap, not a zero
	private static void line(StringBuilder svg, Scale scale, List<Kpi> kpis) {
		var run = new ArrayList<String>();
		for (int index = 0; index <= kpis.size(); index++) {
			Kpi kpi = (index < kpis.size()) ? kpis.get(index) : null;
			if (kpi != null && kpi.value() != null) {
				run.add(x(index, kpis.size()) + "," + scale.y(kpi.value()));
				continue;
			}
			if (run.size() > 1) {
				svg.append("<polyline points=\"").append(String.join(" ", run)).append("\" fill=\"none\" stroke=\"")
					.append(LINE).append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
			}
			run.clear();
		}
	}

	private static void points(StringBuilder svg, Scale scale, List<KpiSnapshot> periods, List<Kpi> kpis) {
		for (int index = 0; index < kpis.size(); index++) {
			Kpi kpi = kpis.get(index);
			if (kpi == null || kpi.value() == null) {
				continue;
			}
			int x = x(index, kpis.size());
			int y = scale.y(kpi.value());
			String tooltip = "<title>" + escape(point(periods.get(index), kpi)) + "</title>";
			if (kpi.breached()) {
				svg.append("<rect x=\"").append(x - 5).append("\" y=\"").append(y - 5)
					.append("\" width=\"10\" height=\"10\" fill=\"").append(MISSED).append("\">").append(tooltip)
					.append("</rect>");
			}
			else {
				svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4.5\" fill=\"")
					.append(LINE).append("\" stroke=\"#ffffff\" stroke-width=\"1.5\">").append(tooltip)
					.append("</circle>");
			}
		}
	}

	private static String dashed(int x1, int x2, int y) {
		return "<line x1=\"" + x1 + "\" y1=\"" + y + "\" x2=\"" + x2 + "\" y2=\"" + y + "\" stroke=\"" + MISSED
				+ "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>";
	}

	private static int x(int index, int count) {
		return LEFT + (int) Math.round((index + 0.5) * (RIGHT - LEFT) / count);
	}

	private static String text(int x, int y, String anchor, String weight, int size, String fill, String content) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-weight=\"" + weight
				+ "\" font-size=\"" + size + "\" fill=\"" + fill + "\">" + escape(content) + "</text>";
	}

	/** For text and attribute values alike. */
	static String escape(String text) {
		var escaped = new StringBuilder(text.length() + 16);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * The y axis: round steps spanning the values and the target. Hours start at zero; percentages stay within 0–100
	 * and start where the data does, so a success rate between 90 and 100 is not a flat line at the top.
	 */
	private record Scale(double min, double max, double step) {

		static Scale of(List<Kpi> kpis, Kpi named) {
			boolean percent = KpiCalculator.PERCENT.equals(named.unit());
			double low = Double.MAX_VALUE;
			double high = -Double.MAX_VALUE;
			for (Kpi kpi : kpis) {
				if (kpi != null && kpi.value() != null) {
					low = Math.min(low, kpi.value());
					high = Math.max(high, kpi.value());
				}
			}
			if (named.target() != null) {
				low = Math.min(low, named.target().threshold());
				high = Math.max(high, named.target().threshold());
			}
			if (low > high) {
				return percent ? new Scale(0, 100, 25) : new Scale(0, 4, 1);
			}
			if (!percent) {
				low = 0;
			}
			double step = step((high > low) ? (high - low) / 4 : Math.max(Math.abs(high), 1) / 4);
			double min = Math.floor(low / step) * step;
			double max = Math.ceil(high / step) * step;
			if (max <= min) {
				max = min + step;
			}
			if (percent) {
				min = Math.max(0, min);
				max = Math.min(100, max);
			}
			return new Scale(min, max, step);
		}

		// 1, 2 or 5 times a power of ten
		private static double step(double raw) {
			double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			double normalized = raw / magnitude;
			double nice = (normalized <= 1) ? 1 : (normalized <= 2) ? 2 : (normalized <= 5) ? 5 : 10;
			return nice * magnitude;
		}

		boolean contains(double value) {
			return value >= min && value <= max;
		}

		int y(double value) {
			double clamped = Math.max(min, Math.min(max, value));
			return BOTTOM - (int) Math.round((clamped - min) / (max - min) * (BOTTOM - TOP));
		}

	}

}
