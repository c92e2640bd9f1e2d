import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Replays FieldOps' whole event history from Kafka topic fieldops.events, from offset 0, then keeps following new
 * events. A single-file program (Java 17): see docs/analysts.md for how to run it.
 *
 * <pre>java -cp kafka-clients.jar:slf4j-api.jar ReplayEvents.java [bootstrap servers] [seconds idle before exit]</pre>
 *
 * Prints one line per event: {@code history} for an event that was already on the topic when the replay started,
 * {@code new} for one published since, then position, type, subject and id. A CloudEvent id seen before (the
 * publisher is at-least-once and may send an event again after a crash) is skipped.
 */
public class ReplayEvents {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([^\"]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");

    public static void main(String[] args) {
        String servers = args.length > 0 ? args[0] : "127.0.0.1:9092";
        long idleSeconds = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        // a fresh group has no committed offsets: with "earliest" it starts at offset 0 of every partition
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "analyst-replay-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("fieldops.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // what was on the topic when we started is history; anything at or past these offsets is new
            Map<TopicPartition, Long> startEnd = new HashMap<>(consumer.endOffsets(partitions));
            Set<String> seen = new HashSet<>();
            long idleSince = System.nanoTime();
            while (Duration.ofNanos(System.nanoTime() - idleSince).toSeconds() < idleSeconds) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) idleSince = System.nanoTime();
                for (ConsumerRecord<String, String> record : records) {
                    String id = find(ID, record.value());
                    if (!seen.add(id)) continue; // a re-sent event: already handled
                    boolean history = record.offset() < startEnd.get(new TopicPartition(record.topic(),
                            record.partition()));
                    System.out.println((history ? "history" : "new") + " " + find(POSITION, record.value()) + " "
                            + find(TYPE, record.value()) + " " + find(SUBJECT, record.value()) + " " + id);
                }
            }
        }
    }

    private static String find(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? matcher.group(1) : "-";
    }
}
