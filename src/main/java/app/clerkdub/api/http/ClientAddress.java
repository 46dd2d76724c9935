package app.clerkdub.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that says who the client is, for the per-address limit. Vert.x's remote address, which
 * Quarkus replaces with the forwarded one only when {@code quarkus.http.proxy.*} says the proxy is
 * trusted: a caller's own {@code X-Forwarded-For} is never believed here. On AWS Lambda the same address
 * is the API Gateway event's {@code requestContext.http.sourceIp} (ApiGatewayHttpTest checks it).
 */
public final class ClientAddress {
    static final String UNKNOWN = "unknown";
    /** Only what can be a literal IPv6 address is parsed: anything else could start a DNS lookup. */
    private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    private ClientAddress() {
    }

    public static String of(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? UNKNOWN : key(remote.hostAddress());
    }

    /**
     * An IPv6 client gets a whole /64 (the usual allocation to one site), so it cannot make itself a new
     * budget per address; an IPv4 address is its own key.
     */
    static String key(String hostAddress) {
        if (hostAddress.indexOf(':') < 0 || !IP_V6.matcher(hostAddress).matches()) {
            return hostAddress;
        }
        try {
            // A literal address: parsed, never looked up.
            byte[] bytes = InetAddress.getByName(hostAddress).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : hostAddress;
        } catch (UnknownHostException notAnAddress) {
            return hostAddress;
        }
    }
}
