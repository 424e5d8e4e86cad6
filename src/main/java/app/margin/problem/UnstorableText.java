package app.margin.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Reads every JSON string of a request through {@link TextCharacters}: a "\u0000" or a lone "\ud800" escape is
 * refused with the field it was in (JsonErrors), before any service sees it.
 */
final class UnstorableText extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
        String value = super.deserialize(p, context);
        int at = TextCharacters.firstForbidden(value);
        if (at >= 0) {
            throw new Refused(p, TextCharacters.describe(value, at));
        }
        return value;
    }

    /** A string with a character Margin does not store; the message says which and where, never the text. */
    static final class Refused extends MismatchedInputException {
        Refused(JsonParser p, String what) {
            super(p, what, String.class);
        }

        /** "a NUL character (U+0000) at character 13", without Jackson's location and path suffixes. */
        String what() {
            return getOriginalMessage();
        }
    }
}
