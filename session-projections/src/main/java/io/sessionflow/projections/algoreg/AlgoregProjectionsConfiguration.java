package io.sessionflow.projections.algoreg;

import io.sessionflow.projections.ProjectionsConfiguration;
import io.sessionflow.projections.ProjectionsProviderConfiguration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;

/**
 * Registers Algoreg's own store with the projections ({@link ProjectionsProviderConfiguration}), and its reader,
 * which the Algoreg API answers session reads with.
 */
@ProjectionsProviderConfiguration
public class AlgoregProjectionsConfiguration {

    @Bean
    public AlgoregCustomerReferencesProjection algoregCustomerReferencesProjection() {
        return new AlgoregCustomerReferencesProjection();
    }

    @Bean
    public AlgoregCustomerReferences algoregCustomerReferences(BeanFactory beans) {
        return new AlgoregCustomerReferences(ProjectionsConfiguration.projectionsStreams(beans));
    }
}
