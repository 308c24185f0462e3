package io.sessionflow.api.liveperson;

import io.sessionflow.api.ProviderApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** LivePerson's API: its surface, controller, parser and catalog section. */
@ProviderApi
@Configuration(proxyBeanMethods = false)
@Import(LivePersonEngagementController.class)
public class LivePersonApiConfiguration {

    @Bean
    public LivePersonSurface livePersonSurface() {
        return LivePersonSurface.INSTANCE;
    }

    @Bean
    public LivePersonRequestParser livePersonRequestParser(JsonMapper json) {
        return new LivePersonRequestParser(json);
    }
}
