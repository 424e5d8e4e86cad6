package app.margin.identity.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Addresses are counted as a client could vary them: IPv4 each, IPv6 by /64 network. */
class ClientAddressTest {
    @Test
    void ipv6AddressesOfOneNetworkCountTogether() {
        assertEquals(ClientAddress.normalise("2001:db8:0:aa::1"), ClientAddress.normalise("2001:db8:0:aa:ffff::2"));
        assertEquals("2001:0db8:0000:00aa::/64", ClientAddress.normalise("2001:db8:0:aa::1"));
    }

    @Test
    void ipv4AndIpv4MappedAddressesAreThemselves() {
        assertEquals("192.0.2.7", ClientAddress.normalise("192.0.2.7"));
        assertEquals("192.0.2.7", ClientAddress.normalise("::ffff:192.0.2.7"));
        assertEquals("unix-socket", ClientAddress.normalise("unix-socket"));
    }
}
