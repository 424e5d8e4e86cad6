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
    private boolean stream;

    /** What the matrix checks of an answer: its status, and for a refusal its media type and problem detail. */
    record Answer(int status, String contentType, String detail) {
    }

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

    /**
     * An answer that stays open (server-sent events): only its status and headers are read, then it is closed, so a
     * 200 does not hold the matrix up for ever.
     */
    AccessRequest stream() {
        this.stream = true;
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

    Answer send(String username, String method, String template) {
        if (stream) {
            return sendStreaming(username, method, template);
        }
        Response response = restAssured(username, method, template);
        return new Answer(response.statusCode(), response.contentType(), detail(response.asString()));
    }

    private Answer sendStreaming(String username, String method, String template) {
        StringBuilder uri = new StringBuilder("http://localhost:" + io.restassured.RestAssured.port + path(template));
        String separator = "?";
        for (Map.Entry<String, Object> q : query.entrySet()) {
            uri.append(separator).append(q.getKey()).append('=').append(q.getValue());
            separator = "&";
        }
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri.toString()))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).header("Accept", "text/event-stream");
        if (username != null) {
            String password = Api.ADMIN.equals(username) ? Api.ADMIN_PASSWORD : Api.PASSWORD;
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<java.io.InputStream> response = client.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                String type = response.headers().firstValue("Content-Type").orElse(null);
                String detail = response.statusCode() / 100 == 2 ? ""
                        : detail(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                return new Answer(response.statusCode(), type, detail);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String detail(String body) {
        try {
            String detail = io.restassured.path.json.JsonPath.from(body).getString("detail");
            return detail == null ? "" : detail;
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private Response restAssured(String username, String method, String template) {
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
