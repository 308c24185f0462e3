package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurfaceTest {

    @Test
    void aPathBelongsToTheSurfaceOfItsFirstSegment() {
        assertThat(Surface.of("/chat/api/public/v1/chat/sessions")).contains(Surface.CHAT);
        assertThat(Surface.of("/algoreg")).contains(Surface.ALGOREG);
        assertThat(Surface.of("/zenskar/customers/session/x")).contains(Surface.ZENSKAR);
        assertThat(Surface.of("/liveperson/api/account/1/app/engagement/visitors"))
                .contains(Surface.LIVEPERSON);
        assertThat(Surface.of("/admin/catalog")).contains(Surface.ADMIN);
        assertThat(Surface.of("/sessions/introspect")).contains(Surface.INTROSPECTION);
    }

    @Test
    void nearMissesOfASurfaceStillBelongToIt() {
        assertThat(Surface.of("//chat/api")).contains(Surface.CHAT);
        assertThat(Surface.of("/CHAT/API")).contains(Surface.CHAT);
        assertThat(Surface.of("/algoreg;jsessionid=1/api")).contains(Surface.ALGOREG);
    }

    @Test
    void otherPathsBelongToNoSurface() {
        assertThat(Surface.of("/actuator/health")).isEmpty();
        assertThat(Surface.of("/chatter")).isEmpty();
        assertThat(Surface.of("/")).isEmpty();
        assertThat(Surface.of("")).isEmpty();
        assertThat(Surface.of(null)).isEmpty();
    }
}
