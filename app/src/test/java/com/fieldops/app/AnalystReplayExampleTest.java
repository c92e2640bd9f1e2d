package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fieldops.app.InboundHttpTest.Facts;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.events.CloudEvent;
import com.fieldops.platform.security.AppRole;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * docs/analysts.md's runnable example, docs/examples/ReplayEvents.java, run as the guide says (a single source
 * file on a class path with kafka-clients) against the test broker: it replays the topic from offset 0 with a fresh
 * group, tells history from new events, and exits when idle.
 */
@FieldOpsTest
class AnalystReplayExampleTest {

    private static final Path EXAMPLE = Path.of("../docs/examples/ReplayEvents.java");

    @Autowired
    TestRestTemplate rest;

    @Test
    void theExampleReplaysTheHistoryFromOffsetZeroAndTellsNewEventsApart() throws Exception {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada Admin");
        String old = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        CloudEvent oldEvent = Facts.awaitPublished(Map.of(old, 1)).get(old).get(0);

        Process example = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EXAMPLE.toString(),
                TestInfrastructure.bootstrapServers(), "5")
                .redirectError(new File("target/replay-example.err")).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(example.getInputStream(),
                    StandardCharsets.UTF_8))) {
                // the test class path has a logging backend that prints Kafka's logs: keep the example's lines
                out.lines().filter(line -> line.startsWith("history ") || line.startsWith("new "))
                        .forEach(lines::add);
            } catch (Exception e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            // once it prints, it has taken the end offsets that separate history from new events
            await().atMost(Duration.ofSeconds(60)).until(() -> !lines.isEmpty());
            String fresh = api.post(admin, "/api/activity-types", Map.of("name", "Plumbing", "hourly_rate", 80))
                    .getBody().get("id").asText();
            assertThat(example.waitFor(90, TimeUnit.SECONDS)).as("the example exits when idle").isTrue();
            reader.join(5_000);
            assertThat(example.exitValue()).isZero();
            assertThat(lines).contains("history " + oldEvent.position() + " fieldops.activity-type.created.v1 "
                    + old + " " + oldEvent.id());
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith("new ").contains(" fieldops.activity-type.created.v1 " + fresh + " "));
        } finally {
            example.destroyForcibly();
        }
    }
}
