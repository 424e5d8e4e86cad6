package app.margin.corpus.importer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: a file in another encoding is refused rather than imported with garbled letters. */
final class Utf8Text {
    private Utf8Text() {
    }

    static String decode(String fileName, byte[] content) throws ImportRefusedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        try {
            CharBuffer chars = decoder.decode(in);
            return normalise(chars.toString());
        } catch (CharacterCodingException e) {
            int at = e instanceof MalformedInputException ? in.position() : -1;
            throw new ImportRefusedException("‘" + fileName + "’ is not valid UTF-8 text"
                    + (at >= 0 ? " (the problem starts near byte " + at + ")" : "")
                    + ". Save it as UTF-8 (in Word: Plain Text, Unicode UTF-8) and upload it again.");
        }
    }

    /** Drops a byte-order mark and makes every line end with \n, so offsets mean the same on every system. */
    static String normalise(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }
}
