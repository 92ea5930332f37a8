package io.changeflow.system;

import java.util.List;

/**
 * The engine keeps a String variable in a column of 4000 characters (TEXT_ of ACT_RU_VARIABLE and of the history, on
 * H2 and PostgreSQL); a longer value fails the whole step. Texts that grow with a change's history are cut to fit here;
 * the audit trail keeps every word of them.
 */
public final class StringVariables {

	public static final int MAX_LENGTH = 4000;

	private StringVariables() {
	}

	/** The lines joined by newlines; when too long, without the last lines that do not fit, which a closing line counts. */
	public static String joinWithin(List<String> lines) {
		String all = String.join("\n", lines);
		var text = new StringBuilder();
		for (int i = 0; all.length() > MAX_LENGTH && i < lines.size(); i++) {
			String more = "… " + (lines.size() - i) + " more in the audit trail";
			String line = lines.get(i) + "\n";
			if (text.length() + line.length() + more.length() > MAX_LENGTH) {
				return text.append(more).toString();
			}
			text.append(line);
		}
		return all;
	}

}
