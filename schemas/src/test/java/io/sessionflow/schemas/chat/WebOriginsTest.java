package io.sessionflow.schemas.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebOriginsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://shop.acme.example       | https://shop.acme.example",
                "https://shop.acme.example:443   | https://shop.acme.example",
                "http://shop.acme.example:80     | http://shop.acme.example",
                "https://shop.acme.example:8443  | https://shop.acme.example:8443",
                "https://shop.acme.example:80    | https://shop.acme.example:80",
                "http://shop.acme.example:443    | http://shop.acme.example:443",
                "HTTPS://SHOP.Acme.EXAMPLE       | https://shop.acme.example",
                "http://localhost:3000           | http://localhost:3000",
                "http://127.0.0.1:8080           | http://127.0.0.1:8080",
                "http://[::1]:8080               | http://[::1]:8080",
                "http://[0:0:0:0:0:0:0:1]        | http://[::1]",
                "https://[2001:DB8:0:0:1:0:0:1]  | https://[2001:db8::1:0:0:1]",
                "https://[::ffff:192.0.2.128]    | https://[::ffff:c000:280]",
                "https://bücher.example          | https://xn--bcher-kva.example",
                "https://xn--bcher-kva.example   | https://xn--bcher-kva.example",
                "https://my_host.example         | https://my_host.example",
                "https://shop.acme.example.      | https://shop.acme.example.",
            })
    void anOriginIsSerialisedAsABrowserSendsIt(String text, String expected) {
        assertThat(WebOrigins.normalize(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "null",
                "",
                "*",
                "shop.acme.example",
                "//shop.acme.example",
                "https://shop.acme.example/",
                "https://shop.acme.example/evil",
                "https://shop.acme.example?x=1",
                "https://shop.acme.example#top",
                "https://user@shop.acme.example",
                "https://user:pw@shop.acme.example",
                "https://shop.acme.example@evil.example",
                "https://shop.acme.example:",
                "https://shop.acme.example:65536",
                "https://shop.acme.example:99999",
                "https://shop.acme.example:-1",
                "https://shop.acme.example:44a",
                " https://shop.acme.example",
                "https://shop.acme.example ",
                "https://shop acme.example",
                "https://shop.acme.example\\evil",
                "https://shop%2eacme.example",
                "https://shop..acme.example",
                "https://",
                "https://:443",
                "ftp://shop.acme.example",
                "file:///etc/passwd",
                "chrome-extension://abc",
                "javascript://shop.acme.example",
                "https://[::1",
                "https://[::1]]",
                "https://[1::2::3]",
                "https://[fe80::1%25eth0]",
                "https://[12345::]",
                "https://[1:2:3:4:5:6:7:8:9]",
                "https://[::1.2.3.256]",
                "https://300.1.1.1",
                "https://sh*p.acme.example",
                "https://shop.acme.example:443/",
            })
    void textThatIsNoOriginIsRefused(String text) {
        assertThat(WebOrigins.normalize(text)).isNull();
    }

    @Test
    void anOriginIsAllowedOnlyWhenItEqualsAnAllowedOriginAfterNormalisation() {
        List<String> allowed = List.of("https://shop.acme.example", "http://localhost:3000");

        assertThat(WebOrigins.allowed("https://shop.acme.example", allowed)).isTrue();
        assertThat(WebOrigins.allowed("https://shop.acme.example:443", allowed)).isTrue();
        assertThat(WebOrigins.allowed("https://SHOP.acme.example", allowed)).isTrue();
        assertThat(WebOrigins.allowed("http://localhost:3000", allowed)).isTrue();

        assertThat(WebOrigins.allowed("https://shop.acme.example/evil", allowed))
                .isFalse();
        assertThat(WebOrigins.allowed("https://shop.acme.example:8443", allowed))
                .isFalse();
        assertThat(WebOrigins.allowed("http://shop.acme.example", allowed)).isFalse();
        assertThat(WebOrigins.allowed("https://shop.acme.example.evil.example", allowed))
                .isFalse();
        assertThat(WebOrigins.allowed("https://evilshop.acme.example", allowed)).isFalse();
        assertThat(WebOrigins.allowed("http://localhost:3001", allowed)).isFalse();
        assertThat(WebOrigins.allowed("null", allowed)).isFalse();
        assertThat(WebOrigins.allowed(null, allowed)).isFalse();
    }

    @Test
    void anAllowedOriginThatIsNoOriginMatchesNothing() {
        List<String> allowed = List.of("https://shop.acme.example/", "https://shop.acme.example/evil");

        assertThat(WebOrigins.allowed("https://shop.acme.example", allowed)).isFalse();
        assertThat(WebOrigins.allowed("https://shop.acme.example/evil", allowed))
                .isFalse();
    }

    @Test
    void theWildcardAllowsEveryOriginButNotTextThatIsNoOrigin() {
        List<String> any = List.of(WebOrigins.ANY);

        assertThat(WebOrigins.allowed("https://anyone.example", any)).isTrue();
        assertThat(WebOrigins.allowed("http://127.0.0.1:5173", any)).isTrue();
        assertThat(WebOrigins.allowed("null", any)).isFalse();
        assertThat(WebOrigins.allowed("https://anyone.example/path", any)).isFalse();
    }
}
