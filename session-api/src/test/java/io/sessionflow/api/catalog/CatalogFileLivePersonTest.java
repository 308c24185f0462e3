package io.sessionflow.api.catalog;

import static io.sessionflow.api.catalog.CatalogYaml.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCatalogKeys;
import io.sessionflow.schemas.liveperson.LivePersonEngagement;
import org.junit.jupiter.api.Test;

class CatalogFileLivePersonTest {

    @Test
    void anAccountBecomesOneEntryWithItsCampaignsAndDefaults() throws IOException {
        Map<String, Object> entries = parse("""
                liveperson:
                  accounts:
                    - id: "12345678"
                      campaigns:
                        - id: 3346848610
                          engagements:
                            - id: 3562981110
                              windowId: "3346847910"
                              contextId: "1"
                              language: en-US
                              revision: 44
                              validForSeconds: 900
                              sections: [Support]
                """).entries();

        LivePersonAccount account = (LivePersonAccount) entries.get(LivePersonCatalogKeys.account("12345678"));
        assertThat(account.getName()).isEqualTo("12345678");
        LivePersonEngagement engagement =
                account.getCampaigns().get(0).getEngagements().get(0);
        assertThat(account.getCampaigns().get(0).getCampaignId()).isEqualTo(3346848610L);
        assertThat(engagement.getEngagementId()).isEqualTo(3562981110L);
        assertThat(engagement.getEnabled()).isTrue();
        assertThat(engagement.getPriority()).isZero();
        assertThat(engagement.getSkillId()).isNull();
        assertThat(engagement.getSections()).containsExactly("Support");
    }

    @Test
    void everyProblemIsNamed() throws IOException {
        CatalogFile file = parse("""
                liveperson:
                  accounts:
                    - id: "bad-id"
                    - id: ok
                      campaigns:
                        - id: 1
                          engagements:
                            - {id: 5, windowId: w, contextId: "1", language: en, revision: 1, validForSeconds: 0}
                            - {id: 6, windowId: w, language: en, revision: 1, validForSeconds: 60}
                            - {id: 6, windowId: w, contextId: "1", language: en, revision: 1, validForSeconds: 60}
                        - id: 1
                """);

        assertThatThrownBy(file::entries)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liveperson account id 'bad-id' does not match")
                .hasMessageContaining("engagement 5 needs validForSeconds above 0")
                .hasMessageContaining("engagement 6 needs windowId, contextId and language")
                .hasMessageContaining("every engagement needs a positive id unique in the account, got 6")
                .hasMessageContaining("every campaign needs a unique positive id, got 1");
    }
}
