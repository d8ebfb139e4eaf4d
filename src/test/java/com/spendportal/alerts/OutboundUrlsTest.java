package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which webhook targets the portal refuses (DESIGN §11), whatever their spelling; no network needed. */
@Tag("h2-only") // no database: the URL rules
class OutboundUrlsTest {

    static final List<String> LOCAL = List.of("http://127.0.0.1/x", "http://localhost:8080/x", "http://2130706433/x",
            "http://0x7f.1/x", "http://0177.0.0.1/x", "http://127.1/x", "http://0/x", "http://0.0.0.0/x", "http://[::1]/x",
            "http://[::]/x", "http://[::ffff:127.0.0.1]/x", "http://[::ffff:7f00:1]/x", "http://[0:0:0:0:0:ffff:a9fe:a9fe]/x",
            "http://169.254.169.254/latest/meta-data", "http://10.0.0.5/x", "http://172.16.3.4/x", "http://192.168.1.1/x",
            "http://100.64.0.1/x", "http://[fd00::1]/x", "http://[fe80::1]/x", "http://224.0.0.1/x",
            "http://255.255.255.255/x", "https://0xa9fea9fe/x", "http://[64:ff9b::7f00:1]/x");

    @Test
    void localPrivateAndLinkLocalTargetsAreRefusedInAnySpelling() {
        for (String url : LOCAL) {
            assertNotNull(OutboundUrls.problem(url, false), url);
            assertThrows(OutboundUrls.Refused.class, () -> OutboundUrls.resolve(url, false), url);
        }
    }

    @Test
    void publicAddressesPassAndTheSettingAllowsTheLocalNetwork() {
        for (String url : List.of("https://8.8.8.8/hook", "http://[2001:4860:4860::8888]/hook", "https://1.1.1.1:8443/x")) {
            assertNull(OutboundUrls.problem(url, false), url);
            assertDoesNotThrow(() -> OutboundUrls.resolve(url, false), url);
        }
        for (String url : LOCAL) {
            // java.net.URI reads no host in 0x7f.1 (its last label is a number): such a URL is no URL at all
            if (URI.create(url).getHost() != null) {
                assertNull(OutboundUrls.problem(url, true), url);
            }
        }
    }

    @Test
    void onlyHttpUrlsWithoutUserInfo() {
        for (String url : List.of("ftp://8.8.8.8/x", "https://user:pw@8.8.8.8/x", "not a url", "https:///x")) {
            assertNotNull(OutboundUrls.problem(url, true), url);
        }
    }

    @Test
    void readsIpv4LiteralsAsTheSystemResolverDoes() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), OutboundUrls.ipv4Literal("2130706433"));
        assertEquals(InetAddress.getByName("127.0.0.1"), OutboundUrls.ipv4Literal("0x7f.1"));
        assertEquals(InetAddress.getByName("127.0.0.1"), OutboundUrls.ipv4Literal("0177.0.0.1"));
        assertEquals(InetAddress.getByName("10.1.0.2"), OutboundUrls.ipv4Literal("10.1.2"));
        assertNull(OutboundUrls.ipv4Literal("hooks.example.com"));
        assertNull(OutboundUrls.ipv4Literal("256.1.1.1"));
        assertNull(OutboundUrls.ipv4Literal("1.2.3.4.5"));
    }
}
