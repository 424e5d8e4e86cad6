package app.margin.agreement.rounds;

import static io.restassured.config.JsonConfig.jsonConfig;
import static io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MatrixResourceTest {
    /** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two observers, ten units, α = 0.095. */
    static final String TWO_CODERS = "A,B\n0,1\n1,1\n0,1\n0,0\n0,0\n0,1\n0,0\n0,0\n1,0\n0,0\n";

    /** Krippendorff (2011) section C: four observers, 12 units with missing values; nominal α = 0.743, interval 0.849. */
    static final String FOUR_CODERS = "A,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n1,2,3,4\n4,4,4,4\n"
            + "1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,3,,\n";

    /** Signed in, with JSON numbers read as doubles so that closeTo works. */
    static RequestSpecification raw(String user) {
        return Api.raw(user).config(RestAssured.config().jsonConfig(jsonConfig().numberReturnType(DOUBLE)));
    }

    @Test
    void twoCodersGiveAlphaKappaAndPercentWithExactlyTheFixedFields() {
        String user = Api.newUser("matrix");
        raw(user).contentType("text/csv").body(TWO_CODERS).post("/api/v1/agreement/matrix?level=nominal").then()
                .statusCode(200)
                .body("units", equalTo(10)).body("coders", equalTo(2)).body("level", equalTo("nominal"))
                .body("percentAgreement", closeTo(0.6, 1e-9))
                .body("krippendorffAlpha", closeTo(0.095, 0.0005))
                // Cohen's κ for the same table by hand: p_o = .6, p_e = .8·.6 + .2·.4 = .56, κ = .04/.44
                .body("cohenKappa", closeTo(0.04 / 0.44, 1e-9))
                .body("fleissKappa", notNullValue())
                .body("keySet()", containsInAnyOrder("units", "coders", "level", "percentAgreement",
                        "krippendorffAlpha", "cohenKappa", "fleissKappa", "notes"));
    }

    @Test
    void missingValuesLeaveKappasNullWithTheReasonAndLevelChangesAlpha() {
        String user = Api.newUser("matrix");
        raw(user).contentType("text/csv").body(FOUR_CODERS).post("/api/v1/agreement/matrix").then().statusCode(200)
                .body("units", equalTo(12)).body("coders", equalTo(4)).body("level", equalTo("nominal"))
                .body("krippendorffAlpha", closeTo(0.743, 0.0005))
                .body("cohenKappa", nullValue()).body("fleissKappa", nullValue())
                .body("notes", hasItem(containsString("Cohen's κ compares exactly two coders")))
                .body("notes", hasItem(containsString("same number of ratings")));
        raw(user).contentType("text/csv").body(FOUR_CODERS).post("/api/v1/agreement/matrix?level=interval").then()
                .statusCode(200).body("level", equalTo("interval")).body("krippendorffAlpha", closeTo(0.849, 0.0005));
    }

    @Test
    void aSingleCategoryMakesAlphaNullWithAReason() {
        raw(Api.newUser("matrix")).contentType("text/csv").body("A,B\nx,x\nx,x\n").post("/api/v1/agreement/matrix")
                .then().statusCode(200).body("krippendorffAlpha", nullValue()).body("percentAgreement", equalTo(1.0))
                .body("notes", hasItem(containsString("same category")));
    }

    @Test
    void badInputIsAProblemWithTheParsersMessage() {
        String user = Api.newUser("matrix");
        raw(user).contentType("text/csv").body("A,B\n1,2,3\n").post("/api/v1/agreement/matrix").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Row 2 has 3 cells but the header names 2 coders"));
        raw(user).contentType("text/csv").body("A,B\nlow,high\n").post("/api/v1/agreement/matrix?level=interval")
                .then().statusCode(400).contentType("application/problem+json");
        raw(user).contentType("text/csv").body(TWO_CODERS).post("/api/v1/agreement/matrix?level=cardinal").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("level"));
        raw(user).contentType("text/csv").body("").post("/api/v1/agreement/matrix").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersAreTurnedAway() {
        given().contentType("text/csv").body(TWO_CODERS).post("/api/v1/agreement/matrix").then().statusCode(401);
    }
}
