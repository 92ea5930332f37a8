package io.changeflow.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies sent to {@code /api} are at most {@value #LIMIT} bytes: a larger one is refused as a 400 problem before
 * anything reads it, whether it announces its length or streams it chunked.
 */
class RequestSizeLimit extends OncePerRequestFilter {

	static final int LIMIT = 256 * 1024;

	private final ObjectMapper json;

	RequestSizeLimit(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > LIMIT) {
			tooLarge(request, response);
			return;
		}
		if (request.getContentLengthLong() >= 0) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
		if (body.length > LIMIT) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new BufferedBody(request, body), response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String detail = "The request body is larger than " + LIMIT / 1024 + " KiB";
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Request body too large");
		// as the API lists invalid fields: here the body as a whole
		problem.setProperty("errors", List.of(Map.of("message", detail)));
		ProblemResponses.send(request, response, json, problem);
	}

	/** A chunked body, read once to measure it, served again to whoever reads it next. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				// the whole body is in memory already: it is available, and then all read
				@Override
				public void setReadListener(ReadListener listener) {
					try {
						listener.onDataAvailable();
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<RequestSizeLimit> requestSizeLimitFilter(ObjectMapper json) {
			var registration = new FilterRegistrationBean<>(new RequestSizeLimit(json));
			registration.setName("api-request-size-limit");
			registration.addUrlPatterns("/api/*");
			// before authentication: an oversized body costs no password check
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

}
