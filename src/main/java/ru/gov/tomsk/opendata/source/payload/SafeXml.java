package ru.gov.tomsk.opendata.source.payload;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * StAX input hardened for documents from outside: no DTDs, no external entities. A payload needs neither, and
 * both are how XML payloads attack a server (XXE file disclosure, "billion laughs"). Readers additionally refuse
 * a document as soon as it shows a DOCTYPE, so nothing declared there is ever expanded or quoted back.
 */
final class SafeXml {

    private SafeXml() {
    }

    /** The JDK's own StAX implementation, whichever others are on the class path, so the hardening is known. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    static PayloadException doctypeRefused(String sourceName, Location location) {
        return new PayloadException(sourceName + ": " + at(location) + ": the document has a DOCTYPE declaration;"
                + " DTDs and entities are refused in payloads for security (remove the <!DOCTYPE ...>)");
    }

    static String at(Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return "an unknown place";
        }
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    /** The parser's own words without its "ParseError at [row,col]" preamble, which {@link #at} replaces. */
    static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf("Message: ");
        String reason = (cut >= 0 ? message.substring(cut + "Message: ".length()) : message).strip();
        return reason.length() <= 200 ? reason : reason.substring(0, 200) + "…";
    }
}
