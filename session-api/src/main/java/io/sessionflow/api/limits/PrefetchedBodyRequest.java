package io.sessionflow.api.limits;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;

/**
 * A request whose body {@link BodyPrefetchFilter} has read already: its stream and reader give those
 * bytes, and a POSTed form's parameters are parsed from them by Tomcat's own parser (which Tomcat would
 * otherwise run on the socket, blocking). A body longer than the filter's cap holds its first
 * cap + 1 bytes, so the controller's own size check refuses it; such a form is Tomcat's 413.
 */
final class PrefetchedBodyRequest extends HttpServletRequestWrapper {

    private static final int MAX_PARAMETERS = 1000;
    private static final String FORM = "application/x-www-form-urlencoded";

    private volatile byte[] body = new byte[0];
    private volatile boolean truncated;
    private Parameters form;

    PrefetchedBodyRequest(HttpServletRequest request) {
        super(request);
    }

    /** @param truncated the body was longer than these bytes */
    void body(byte[] body, boolean truncated) {
        this.body = body;
        this.truncated = truncated;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("The body was read already: read it blocking");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public String getParameter(String name) {
        return isForm() ? form().getParameter(name) : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return isForm() ? form().getParameterValues(name) : super.getParameterValues(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return isForm() ? form().getParameterNames() : super.getParameterNames();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (!isForm()) {
            return super.getParameterMap();
        }
        Map<String, String[]> map = new LinkedHashMap<>();
        Parameters parameters = form();
        for (String name : Collections.list(parameters.getParameterNames())) {
            map.put(name, parameters.getParameterValues(name));
        }
        return Collections.unmodifiableMap(map);
    }

    private boolean isForm() {
        String type = getContentType();
        return "POST".equals(getMethod())
                && type != null
                && type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(FORM);
    }

    /** As Tomcat parses a form: query string first, then the body; its exception on bad input. */
    private synchronized Parameters form() {
        if (truncated) {
            throw new InvalidParameterException(
                    "The form is too large", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        }
        if (form == null) {
            Parameters parameters = new Parameters();
            parameters.setLimit(MAX_PARAMETERS);
            parameters.setQueryStringCharset(StandardCharsets.UTF_8);
            parameters.setCharset(charset());
            MessageBytes query = MessageBytes.newInstance();
            query.setString(getQueryString());
            parameters.setQuery(query);
            byte[] bytes = body.clone(); // decoded in place
            try {
                parameters.handleQueryParameters();
                parameters.processParameters(bytes, 0, bytes.length);
            } catch (IllegalStateException invalid) {
                throw invalid;
            } catch (Exception undecodable) {
                // the parser lets a charset's CharacterCodingException through unchecked: Tomcat wraps it so
                throw new InvalidParameterException(undecodable);
            }
            form = parameters;
        }
        return form;
    }

    private Charset charset() {
        try {
            return getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
