import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue-3 benchmark (bench/dashboard.sh): publishes N valid inbound CloudEvents of type fieldops.job.created.v1
 * (DESIGN §6: structured JSON mode, orgid set, data {job_id, title, client_name, assignee_id, assignee_name,
 * assignee_team_id, scheduled_for}) to fieldops.inbound on a broker of 127.0.0.1 only, round-robin over the
 * technicians of people.tsv (so over every organisation), key = job id. Prints RESULT lines with the epoch-ms times
 * of the first send and of the last acknowledgement.
 * <p>
 * Usage: java -cp kafka-clients.jar:slf4j-api.jar:. InboundProducer BOOTSTRAP TOPIC PEOPLE_TSV COUNT SOURCE
 */
public class InboundProducer {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        if (!bootstrap.startsWith("127.0.0.1:")) throw new IllegalArgumentException("127.0.0.1 only: " + bootstrap);
        String topic = args[1];
        List<String[]> technicians = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 8 && "technician".equals(f[2])) technicians.add(f);
        }
        if (technicians.isEmpty()) throw new IllegalStateException("no technicians in " + args[2]);
        int count = Integer.parseInt(args[3]);
        String source = args[4];

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fieldops-bench-inbound");

        // the payloads first, so the timed part is only the sending
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        Instant scheduled = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            String[] tech = technicians.get(i % technicians.size());
            String jobId = UUID.randomUUID().toString();
            String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source
                    + "\",\"type\":\"fieldops.job.created.v1\",\"subject\":\"" + jobId + "\",\"time\":\""
                    + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"datacontenttype\":\"application/json\","
                    + "\"orgid\":\"" + tech[1] + "\",\"data\":{\"job_id\":\"" + jobId + "\",\"title\":\"Bench inbound job "
                    + i + "\",\"client_name\":\"Inbound Client " + (i % 97) + "\",\"assignee_id\":\"" + tech[3]
                    + "\",\"assignee_name\":\"" + tech[7] + "\",\"assignee_team_id\":\"" + tech[4]
                    + "\",\"scheduled_for\":\"" + scheduled + "\"}}";
            records.add(new ProducerRecord<>(topic, jobId, json));
        }
        AtomicLong failures = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(topic); // metadata before the clock starts
            long first = System.currentTimeMillis();
            System.out.println("RESULT phase=inbound_send_start epoch_ms=" + first);
            System.out.flush();
            for (ProducerRecord<String, String> record : records) {
                producer.send(record, (metadata, exception) -> {
                    if (exception != null && failures.incrementAndGet() <= 5) exception.printStackTrace();
                });
            }
            producer.flush();
            long last = System.currentTimeMillis();
            System.out.println("RESULT phase=inbound_sent count=" + count + " failures=" + failures.get()
                    + " first_send_epoch_ms=" + first + " all_acked_epoch_ms=" + last + " send_ms=" + (last - first)
                    + " technicians=" + technicians.size());
        }
        if (failures.get() > 0) System.exit(1);
    }
}
