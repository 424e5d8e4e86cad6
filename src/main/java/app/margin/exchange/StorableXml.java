package app.margin.exchange;

import app.margin.problem.ProblemException;
import app.margin.problem.TextCharacters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamWriter;

/**
 * An XML writer that refuses, rather than writes, a character XML 1.0 cannot carry (NUL, other control characters,
 * half a surrogate pair). The JDK's writer would put it into the file as it is, and the export would be a file no
 * program can open. Input refuses such characters (TextCharacters), but text stored before that can still hold one:
 * the export then fails with a message that says where, and nothing is written.
 */
final class StorableXml {
    private StorableXml() {
    }

    static XMLStreamWriter guard(XMLStreamWriter writer) {
        Deque<String> open = new ArrayDeque<>();
        return (XMLStreamWriter) Proxy.newProxyInstance(StorableXml.class.getClassLoader(),
                new Class<?>[] {XMLStreamWriter.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("writeStartElement") && args.length > 0) {
                        open.push((String) args[args.length == 1 ? 0 : 1]);
                    } else if (name.equals("writeEndElement") && !open.isEmpty()) {
                        open.pop();
                    }
                    if (name.equals("writeAttribute")) {
                        check((String) args[args.length - 1], "the attribute '" + args[args.length - 2] + "' of", open);
                    } else if (name.equals("writeCharacters") || name.equals("writeCData") || name.equals("writeComment")) {
                        check(args.length == 1 ? (String) args[0]
                                : new String((char[]) args[0], (int) args[1], (int) args[2]), "the text of", open);
                    }
                    try {
                        return method.invoke(writer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void check(String text, String where, Deque<String> open) {
        int at = TextCharacters.firstForbidden(text);
        if (at >= 0) {
            String element = open.isEmpty() ? "the document" : "a <" + open.peek() + ">";
            throw new ProblemException(409, "Export not possible", "Margin did not write this export: " + where + " "
                    + element + " contains " + TextCharacters.describe(text, at) + ", which XML cannot carry. It was "
                    + "stored before Margin refused such characters. Correct that text in Margin (for a <Code>, rename "
                    + "the code or edit its description) and export again.").with("reason", "xml");
        }
    }
}
