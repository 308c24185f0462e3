package io.sessionflow.app.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: java.net.http refuses much of what a hostile
 * client sends (invalid percent-encoding or raw bytes in the target, repeated or odd headers), so the
 * tests that send it need their own client. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final Pattern URI_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~:/?@!$&'()*+,;=%]*");
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private RawHttp() {}

    public record Header(String name, String value) {}

    /**
     * @param target  the request target as sent (path and query, already encoded as the test wants);
     *                each char is one byte (ISO-8859-1), so raw non-ASCII bytes can be sent
     * @param body    null for no body (no Content-Length)
     * @param chunked send the body with {@code Transfer-Encoding: chunked} instead of a Content-Length
     */
    public record Request(String method, String target, List<Header> headers, byte[] body, boolean chunked) {

        public Request {
            headers = List.copyOf(headers);
        }

        /**
         * True when this is not well-formed HTTP/1.1 (RFC 9112, RFC 3986), which the servlet container
         * refuses before any application code sees it: a request target with characters a URI cannot hold
         * or a path with a broken percent-escape, or a request head over the container's 8 KiB.
         */
        public boolean malformedHttp() {
            String path = target.split("\\?", 2)[0];
            int headSize = target.length()
                    + headers.stream()
                            .mapToInt(h -> h.name().length() + h.value().length() + 4)
                            .sum();
            return !URI_CHARACTERS.matcher(target).matches()
                    || BROKEN_ESCAPE.matcher(path).find()
                    || headSize > 8000;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method)
                    .append(' ')
                    .append(Printable.of(target, 2000))
                    .append('\n');
            headers.forEach(h -> text.append("  ")
                    .append(h.name())
                    .append(": ")
                    .append(Printable.of(h.value(), 300))
                    .append('\n'));
            if (body == null) {
                text.append("  (no body)");
            } else {
                text.append("  body")
                        .append(chunked ? " (chunked)" : "")
                        .append(", ")
                        .append(body.length)
                        .append(" bytes: ")
                        .append(Printable.of(body, 1500));
            }
            return text.toString();
        }
    }

    public record Response(int status, List<Header> headers, byte[] body) {

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h.name().equalsIgnoreCase(name))
                    .map(Header::value)
                    .findFirst();
        }

        public List<String> headerValues(String name) {
            return headers.stream()
                    .filter(h -> h.name().equalsIgnoreCase(name))
                    .map(Header::value)
                    .toList();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("HTTP ").append(status).append('\n');
            headers.forEach(h -> text.append("  ")
                    .append(h.name())
                    .append(": ")
                    .append(h.value())
                    .append('\n'));
            return text.append("  ").append(Printable.of(body, 3000)).toString();
        }
    }

    public static Response exchange(int port, Request request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head(request, port));
                if (request.body() != null) {
                    out.write(request.chunked() ? chunked(request.body()) : request.body());
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it read the whole request (e.g. too large): read its answer
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] head(Request request, int port) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: localhost:").append(port).append("\r\n");
        for (Header header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (request.body() != null) {
            head.append(
                    request.chunked()
                            ? "Transfer-Encoding: chunked\r\n"
                            : "Content-Length: " + request.body().length + "\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 4096) {
            int length = Math.min(4096, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, read);
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("No complete response head in " + raw.length + " bytes: " + Printable.of(raw, 500));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new Header(
                    lines[i].substring(0, colon).trim(),
                    lines[i].substring(colon + 1).trim()));
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean isChunked = headers.stream()
                .anyMatch(h -> h.name().equalsIgnoreCase("Transfer-Encoding")
                        && h.value().toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, isChunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
            if (lineEnd < 0) {
                throw new IOException("Truncated chunked body");
            }
            String size =
                    new String(body, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, length);
            position = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
