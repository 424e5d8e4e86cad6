package app.margin.identity;

import static io.restassured.RestAssured.given;

import app.margin.support.Api;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of the authorization matrix: the values for the path template's parameters (in their order), query
 * parameters and an optional body. Sent as one named user over HTTP Basic, or anonymously when the user is null.
 */
final class AccessRequest {
    private final List<Object> pathValues = new ArrayList<>();
    private final Map<String, Object> query = new LinkedHashMap<>();
    private Object json;
    private String text;
    private String textType;
    private byte[] file;
    private String fileName;

    static AccessRequest ids(Object... values) {
        AccessRequest request = new AccessRequest();
        request.pathValues.addAll(List.of(values));
        return request;
    }

    AccessRequest query(String name, Object value) {
        query.put(name, value);
        return this;
    }

    AccessRequest json(Object body) {
        this.json = body;
        return this;
    }

    AccessRequest text(String mediaType, String body) {
        this.textType = mediaType;
        this.text = body;
        return this;
    }

    /** A multipart upload in the form part 'file'. */
    AccessRequest file(String name, byte[] bytes) {
        this.fileName = name;
        this.file = bytes;
        return this;
    }

    /** Replaces each {name} of the template with the next path value, so a row says which object it means. */
    String path(String template) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (next >= pathValues.size()) {
                throw new IllegalStateException(template + ": no value for " + template.substring(open, close + 1));
            }
            out.append(template, i, open).append(pathValues.get(next++));
            i = close + 1;
        }
        if (next != pathValues.size()) {
            throw new IllegalStateException(template + ": " + pathValues.size() + " path values for " + next + " parameters");
        }
        return out.toString();
    }

    Response send(String username, String method, String template) {
        RequestSpecification spec = username == null ? given() : Api.raw(username);
        query.forEach(spec::queryParam);
        if (json != null) {
            spec.contentType(ContentType.JSON).body(json);
        } else if (text != null) {
            spec.contentType(textType).body(text);
        } else if (file != null) {
            spec.multiPart("file", fileName, file, "application/octet-stream");
        } else {
            spec.contentType(ContentType.JSON); // as the pages and Api.as send it; a bare POST would get 415 first
        }
        return spec.request(method, path(template));
    }
}
