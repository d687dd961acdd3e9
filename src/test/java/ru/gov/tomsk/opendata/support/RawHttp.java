package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A GET sent over a raw socket, byte for byte: HTTP clients normalise paths such as {@code /a/../b}
 * before sending, which would hide exactly what path-traversal tests need to send.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The whole response, status line first. */
    public static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }
}
