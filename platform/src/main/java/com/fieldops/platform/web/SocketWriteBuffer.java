package com.fieldops.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat writes a response to the socket through an 8 kB buffer: the 260 kB price list took 32 system calls per
 * request. A larger one sends it in a few. It is held per open connection (64 kB × 1,000 connections = 64 MB), which
 * suits a service behind a gateway that keeps a pool of connections.
 */
@Component
class SocketWriteBuffer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int bytes;

    SocketWriteBuffer(@Value("${fieldops.http.socket-write-buffer:65536}") int bytes) {
        this.bytes = bytes;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector ->
                connector.setProperty("socket.appWriteBufSize", Integer.toString(bytes)));
    }
}
