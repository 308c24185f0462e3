package io.sessionflow.api.liveperson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressLiteralsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "192.168.5.2",
                "0.0.0.0",
                "255.255.255.255",
                "10.0.0.1",
                "::",
                "::1",
                "1::",
                "2001:db8::8a2e:370:7334",
                "2001:0db8:0000:0000:0000:8a2e:0370:7334",
                "FE80::0202:B3FF:FE1E:8329",
                "::ffff:192.168.5.2",
                "1:2:3:4:5:6:1.2.3.4",
                "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8",
                "1:2:3:4:5:6:7:8"
            })
    void acceptsAddressLiterals(String address) {
        assertThat(IpAddressLiterals.isIpAddress(address)).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "localhost",
                "example.com",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "1.2.3.-4",
                "1.2.3.4 ",
                " 1.2.3.4",
                "1..3.4",
                "1.2.3.4/24",
                "0x7f.0.0.1",
                "2130706433",
                "١.٢.٣.٤",
                ":::",
                "1:::2",
                "1::2::3",
                ":1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8::",
                "12345::1",
                "g::1",
                "fe80::1%eth0",
                "[::1]",
                "1.2.3.4::",
                "::1.2.3",
                "::256.1.1.1",
                "1:2:3:4:5:6:7:1.2.3.4",
                ":"
            })
    void refusesAnythingElse(String text) {
        assertThat(IpAddressLiterals.isIpAddress(text)).as(text).isFalse();
    }
}
