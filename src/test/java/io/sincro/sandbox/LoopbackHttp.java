package io.sincro.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The simulators' HTTP servers: the JDK's, on loopback. */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /**
     * A server with TCP_NODELAY. Without it the JDK server sends a response's headers and body as
     * two small segments, and Nagle's algorithm meeting the client's delayed ACK holds every such
     * answer about 40 ms: a latency no real shop or ERP has, which would skew every measurement.
     * The JDK reads the switch once, when its first server is made.
     */
    public static HttpServer create(InetSocketAddress address) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(address, 0);
    }
}
