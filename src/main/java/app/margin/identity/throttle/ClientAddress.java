package app.margin.identity.throttle;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.HexFormat;

/**
 * The address a sign-in comes from, as the throttle counts it: the peer's address, or the client's as the trusted
 * proxy forwarded it when {@code quarkus.http.proxy.proxy-address-forwarding} is on (Quarkus resolves that in
 * {@code remoteAddress()}). An IPv6 client counts by its /64 network, since one host may use any address in it.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String host = peer == null ? null : peer.hostAddress() != null ? peer.hostAddress() : peer.host();
        return host == null ? "unknown" : normalise(host);
    }

    static String normalise(String host) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return host;
        }
        if (ip.length == 4) {
            return NetUtil.bytesToIpAddress(ip);
        }
        if (isIpv4Mapped(ip)) {
            return NetUtil.bytesToIpAddress(ip, 12, 4);
        }
        return HexFormat.of().formatHex(ip, 0, 8).replaceAll("(....)(?!$)", "$1:") + "::/64";
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }
}
