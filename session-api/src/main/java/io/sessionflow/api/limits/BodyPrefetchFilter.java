package io.sessionflow.api.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import io.sessionflow.api.SurfaceErrors;
import io.sessionflow.api.Surfaces;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body before anything else sees the request, without holding a thread while the
 * client is slow: Servlet 3.1 non-blocking reads (a {@link ReadListener}) in an async cycle whose
 * timeout is the body's deadline. A complete body (or its first cap + 1 bytes, for the controller to
 * refuse) is handed on in a {@link PrefetchedBodyRequest} by an async dispatch, on which the rest of the
 * chain runs as for any request; a body not complete by the deadline is answered 408 in the surface's
 * format ({@link SurfaceErrors}) and its connection closed. A body whose declared length is over the cap
 * is not read: the controllers refuse it by its length (a form, as Tomcat does: 413). The moment a body was
 * read whole is the request attribute {@link #RECEIVED_NANOS}.
 */
public final class BodyPrefetchFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BodyPrefetchFilter.class);
    private static final int CHUNK = 8192;

    /**
     * The request attribute with the moment its body was read whole ({@link System#nanoTime}): when the request
     * was received, for {@link AdmissionLimitFilter}, which sees it only after the dispatch that hands it on.
     */
    static final String RECEIVED_NANOS = BodyPrefetchFilter.class.getName() + ".receivedNanos";

    private final Duration deadline;
    private final ToIntFunction<HttpServletRequest> cap;
    private final Surfaces surfaces;
    private final AnswerWriter answers;

    /** @param cap the most bytes any handler of this request reads */
    BodyPrefetchFilter(
            Duration deadline, ToIntFunction<HttpServletRequest> cap, Surfaces surfaces, AnswerWriter answers) {
        this.deadline = deadline;
        this.cap = cap;
        this.surfaces = surfaces;
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = cap.applyAsInt(request);
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        long length = request.getContentLengthLong();
        if ((length <= 0 && !chunked) || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        PrefetchedBodyRequest prefetched = new PrefetchedBodyRequest(request);
        if (length > limit) {
            prefetched.body(new byte[0], true);
            chain.doFilter(prefetched, response);
            return;
        }
        AsyncContext async = request.startAsync(prefetched, response);
        async.setTimeout(deadline.toMillis());
        BodyReader reader = new BodyReader(async, request.getInputStream(), prefetched, limit);
        async.addListener(reader);
        reader.input.setReadListener(reader);
    }

    /** Collects the body as it arrives; decides once: hand it on, or answer the deadline. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream input;
        private final PrefetchedBodyRequest prefetched;
        private final int limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[CHUNK];
        private final AtomicBoolean decided = new AtomicBoolean();

        BodyReader(AsyncContext async, ServletInputStream input, PrefetchedBodyRequest prefetched, int limit) {
            this.async = async;
            this.input = input;
            this.prefetched = prefetched;
            this.limit = limit;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!decided.get() && input.isReady()) {
                int read = input.read(chunk);
                if (read < 0) {
                    return;
                }
                body.write(chunk, 0, Math.min(read, limit + 1 - body.size()));
                if (body.size() > limit) {
                    handOn(true);
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            handOn(false);
        }

        @Override
        public void onError(Throwable error) {
            // the client went away or the connection broke: nobody is left to answer
            if (decided.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            HttpServletRequest request = (HttpServletRequest) async.getRequest();
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                answers.write(
                        response,
                        surfaces.of(request.getRequestURI())
                                .map(surface -> SurfaceErrors.answer(surface, HttpStatus.REQUEST_TIMEOUT))
                                .orElseGet(() -> ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                                        .header(HttpHeaders.CONNECTION, "close")
                                        .build()));
            } catch (IOException | IllegalStateException gone) {
                LOG.debug("A slow body's 408 could not be sent: {}", gone.toString());
            }
            async.complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void handOn(boolean truncated) {
            if (decided.compareAndSet(false, true)) {
                prefetched.body(body.toByteArray(), truncated);
                prefetched.setAttribute(RECEIVED_NANOS, System.nanoTime());
                async.dispatch();
            }
        }
    }
}
