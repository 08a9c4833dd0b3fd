package io.sincro.shop;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the hub may send a shop's credentials: to the account's own address, over http(s), and — unless
 * {@code sincro.shop.allow-private-addresses} is on — not to a loopback, link-local, private, carrier-grade
 * NAT or multicast address, so that whoever may edit an account cannot make the hub call (and report
 * on) services of its own network. Every address the host name resolves to is checked.
 */
public final class OutboundGuard {

    private final boolean allowPrivate;

    public OutboundGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * @param shop how messages name the shop, e.g. "Magento shop-it"
     * @throws ShopException.Rejected when the address may not be called; Unavailable when it cannot be resolved
     *         (worded as any unreachable shop)
     */
    public void check(String shop, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new ShopException.Rejected(shop + ": its address is not an http(s) address of a "
                    + "host; the hub does not call it", 0);
        }
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ShopException.Unavailable(shop + " could not be reached at " + origin(uri), 0, null);
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new ShopException.Rejected(shop + ": " + uri.getHost() + " is a loopback, "
                        + "link-local or private address, which the hub does not call "
                        + "(sincro.shop.allow-private-addresses is off)", 0);
            }
        }
    }

    /** scheme://host:port of an address, nothing of its path or query. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT, 100.64.0.0/10
                    || first == 198 && (second == 18 || second == 19) // benchmarking, 198.18.0.0/15
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local, fc00::/7
        }
        return false;
    }
}
