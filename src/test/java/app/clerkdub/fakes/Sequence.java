package app.clerkdub.fakes;

import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** Answers that change from one call to the next: the last one repeats. */
public final class Sequence {
    private Sequence() {
    }

    public static void stub(WireMockServer server, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        String scenario = "sequence-" + System.nanoTime();
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder mapping = request.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call-" + i);
            mapping.willReturn(answers[i]);
            if (i < answers.length - 1) {
                mapping.willSetStateTo("call-" + (i + 1));
            }
            server.stubFor(mapping);
        }
    }
}
