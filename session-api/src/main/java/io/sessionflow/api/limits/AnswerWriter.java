package io.sessionflow.api.limits;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Writes an answer from a filter, before any controller: status, headers and the JSON body, as Spring MVC would. */
final class AnswerWriter {

    private final JsonMapper json;

    AnswerWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, ResponseEntity<Object> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (answer.getBody() == null) {
            response.flushBuffer();
            return;
        }
        response.setCharacterEncoding("UTF-8");
        byte[] body = json.writeValueAsBytes(answer.getBody());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
