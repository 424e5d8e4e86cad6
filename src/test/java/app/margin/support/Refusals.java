package app.margin.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What every refusal of bad input looks like: a 4xx problem+json whose detail names what is wrong. */
public final class Refusals {
    private Refusals() {
    }

    public static ValidatableResponse refused(Response response, int status, String... detailNames) {
        ValidatableResponse then = response.then().statusCode(status).contentType(startsWith("application/problem+json"));
        for (String words : detailNames) {
            then.body("detail", containsString(words));
        }
        return then;
    }
}
