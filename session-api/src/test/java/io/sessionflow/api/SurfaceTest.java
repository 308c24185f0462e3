package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sessionflow.api.admin.AdminSurface;
import io.sessionflow.api.algoreg.AlgoregSurface;
import io.sessionflow.api.chat.ChatSurface;
import io.sessionflow.api.introspection.IntrospectionSurface;
import io.sessionflow.api.liveperson.LivePersonSurface;
import io.sessionflow.api.zenskar.ZenskarSurface;
import org.junit.jupiter.api.Test;

class SurfaceTest {

    private static final Surfaces SURFACES = new Surfaces(List.of(
            ChatSurface.INSTANCE,
            AlgoregSurface.INSTANCE,
            ZenskarSurface.INSTANCE,
            LivePersonSurface.INSTANCE,
            AdminSurface.INSTANCE,
            IntrospectionSurface.INSTANCE));

    @Test
    void aPathBelongsToTheSurfaceOfItsFirstSegment() {
        assertThat(SURFACES.of("/chat/api/public/v1/chat/sessions")).contains(ChatSurface.INSTANCE);
        assertThat(SURFACES.of("/algoreg")).contains(AlgoregSurface.INSTANCE);
        assertThat(SURFACES.of("/zenskar/customers/session/x")).contains(ZenskarSurface.INSTANCE);
        assertThat(SURFACES.of("/liveperson/api/account/1/app/engagement/visitors"))
                .contains(LivePersonSurface.INSTANCE);
        assertThat(SURFACES.of("/admin/catalog")).contains(AdminSurface.INSTANCE);
        assertThat(SURFACES.of("/sessions/introspect")).contains(IntrospectionSurface.INSTANCE);
    }

    @Test
    void nearMissesOfASurfaceStillBelongToIt() {
        assertThat(SURFACES.of("//chat/api")).contains(ChatSurface.INSTANCE);
        assertThat(SURFACES.of("/CHAT/API")).contains(ChatSurface.INSTANCE);
        assertThat(SURFACES.of("/algoreg;jsessionid=1/api")).contains(AlgoregSurface.INSTANCE);
    }

    @Test
    void otherPathsBelongToNoSurface() {
        assertThat(SURFACES.of("/actuator/health")).isEmpty();
        assertThat(SURFACES.of("/chatter")).isEmpty();
        assertThat(SURFACES.of("/")).isEmpty();
        assertThat(SURFACES.of("")).isEmpty();
        assertThat(SURFACES.of(null)).isEmpty();
    }
}
