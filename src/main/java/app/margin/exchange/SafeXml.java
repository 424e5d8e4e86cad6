package app.margin.exchange;

import app.margin.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An XML parser for files from elsewhere: no DOCTYPE at all (so neither external entities nor entity expansion
 * such as "billion laughs" can happen), no external schemas or stylesheets, secure processing limits on.
 */
final class SafeXml {
    private SafeXml() {
    }

    static Document parse(byte[] xml, String what) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) {
                throw ProblemException.badRequest(what + " contains a DOCTYPE declaration. Margin refuses those: they "
                        + "can read files from the server or expand into gigabytes (XML entities).")
                        .with("reason", "xml");
            }
            throw ProblemException.badRequest(what + " is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ").").with("reason", "xml");
        } catch (SAXException | IOException e) {
            throw ProblemException.badRequest(what + " could not be read as XML.").with("reason", "xml");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a security feature", e);
        }
    }
}
