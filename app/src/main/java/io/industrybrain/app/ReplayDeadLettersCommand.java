package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.deadletter.DeadLetterReplayer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code ./brain replay-dlq [--reason=R]}: re-publishes the dead letters of one reason (default
 * UNKNOWN_ENTERPRISE) to their source topics, once, and says how many it moved. Against the embedded
 * default it talks to the broker of a running {@code ./brain} on {@code broker.port}.
 */
final class ReplayDeadLettersCommand {

    static final String REASON_FLAG = "reason";

    private ReplayDeadLettersCommand() { }

    static int run(BrainSettings settings, List<String> arguments, PrintStream out) {
        DeadLetterReason reason = reason(arguments);
        KafkaClientSettings clients = settings.commandKafkaClients();
        BrainApp.requireReachable(clients);
        long moved;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.forConsumer(DeadLetterReplayer.consumerProperties(reason)));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.forProducer(DeadLetterReplayer.producerProperties(reason)))) {
            moved = new DeadLetterReplayer(consumer, producer, settings.topics()).replay(reason);
        }
        out.println("replayed " + moved + " dead letter" + (moved == 1 ? "" : "s") + " with reason " + reason
                + " from " + settings.topics().deadLetters() + " to their source topics");
        return Brain.EXIT_OK;
    }

    private static DeadLetterReason reason(List<String> arguments) {
        for (String argument : arguments.subList(1, arguments.size())) {
            String prefix = "--" + REASON_FLAG + "=";
            if (!argument.startsWith(prefix)) {
                throw new SettingException(argument, "replay-dlq takes only --" + REASON_FLAG + "=REASON");
            }
            String value = argument.substring(prefix.length());
            try {
                return DeadLetterReason.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new SettingException(REASON_FLAG, "'" + value + "' is not one of " + Arrays.toString(DeadLetterReason.values()));
            }
        }
        return DeadLetterReason.UNKNOWN_ENTERPRISE;
    }
}
