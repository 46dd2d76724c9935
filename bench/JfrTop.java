import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording: CPU samples ({@code jdk.ExecutionSample}) or, with {@code --alloc}, allocation
 * samples ({@code jdk.ObjectAllocationSample}, each weighed by the bytes it stands for). It lists the threads,
 * the hottest leaf frames (the allocation sites, and the classes allocated), the library of the innermost frame
 * outside the JDK, the innermost frame of the service's own code on each stack, and the frames (of any depth)
 * that most samples pass through; optionally only samples taken while a matching frame is on the stack, or
 * within a time window. The recording is read event by event, so a long one fits in little memory.
 *
 * <pre>
 * java bench/JfrTop.java service.jfr [--alloc] [--top 25] [--within app.clerkdub] [--from SECONDS] [--to SECONDS]
 * </pre>
 */
public class JfrTop {
    static final String OWN = "app.clerkdub.";
    static final String NO_OWN_FRAME = "(no frame of the service's own code)";

    public static void main(String[] args) throws IOException {
        Path recording = null;
        boolean alloc = false;
        int top = 25;
        String within = null;
        double from = -1;
        double to = Double.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alloc" -> alloc = true;
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--within" -> within = args[++i];
                case "--from" -> from = Double.parseDouble(args[++i]);
                case "--to" -> to = Double.parseDouble(args[++i]);
                default -> recording = Path.of(args[i]);
            }
        }
        if (recording == null) {
            System.err.println("usage: java bench/JfrTop.java <recording.jfr> [--alloc] [--top N] [--within TEXT] "
                    + "[--from SECONDS] [--to SECONDS]");
            System.exit(2);
        }
        String type = alloc ? "jdk.ObjectAllocationSample" : "jdk.ExecutionSample";
        String filter = within;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> classes = new HashMap<>();
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        long total = 0;
        long count = 0;
        // Events are not stored in time order: a first pass finds the earliest, which the window counts from.
        Instant first = Instant.MAX;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals(type) && event.getStartTime().isBefore(first)) {
                    first = event.getStartTime();
                }
            }
        }
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(type)) {
                    continue;
                }
                double at = (event.getStartTime().toEpochMilli() - first.toEpochMilli()) / 1000.0;
                if (at < from || at > to) {
                    continue;
                }
                List<String> frames = event.getStackTrace() == null ? List.of()
                        : event.getStackTrace().getFrames().stream().map(JfrTop::name).toList();
                if (filter != null && frames.stream().noneMatch(frameName -> frameName.contains(filter))) {
                    continue;
                }
                long weight = alloc ? event.getLong("weight") : 1;
                RecordedThread thread = alloc ? event.getThread() : event.getThread("sampledThread");
                count++;
                total += weight;
                threads.merge(thread == null ? "?" : String.valueOf(thread.getJavaName()), weight, Long::sum);
                if (alloc) {
                    classes.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                }
                if (!frames.isEmpty()) {
                    leaves.merge(frames.get(0), weight, Long::sum);
                }
                libraries.merge(library(frames), weight, Long::sum);
                own.merge(frames.stream().filter(frameName -> frameName.startsWith(OWN)).findFirst().orElse(NO_OWN_FRAME),
                        weight, Long::sum);
                for (String frameName : new HashSet<>(frames)) {
                    inclusive.merge(frameName, weight, Long::sum);
                }
            }
        }
        if (total == 0) {
            System.out.println("no samples");
            return;
        }
        System.out.printf("%d samples%s%n", count, alloc ? String.format(", %.1f MB by their weights", total / 1048576.0) : "");
        show("threads", threads, 8, total, alloc);
        if (alloc) {
            show("classes allocated", classes, top, total, alloc);
        }
        show(alloc ? "allocation sites (leaf frames)" : "leaf frames (self time)", leaves, top, total, alloc);
        show("library of the innermost frame outside the JDK", libraries, top, total, alloc);
        show("innermost frame of the service's own code on the stack", own, top, total, alloc);
        show(alloc ? "frames on the stack (total bytes)" : "frames on the stack (total time)", inclusive, top * 3, total,
                alloc);
    }

    /**
     * Who asked for the work: the package (its first three names) of the innermost frame that is not the JDK's,
     * such as {@code org.jose4j.json} for the JDK's string and map code that jose4j's JSON parser calls.
     */
    static String library(List<String> frames) {
        for (String frame : frames) {
            if (!frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun.")
                    && !frame.startsWith("com.sun.")) {
                String[] parts = frame.split("\\.");
                return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 2)));
            }
        }
        return "(the JDK alone)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void show(String title, Map<String, Long> counts, int limit, long total, boolean alloc) {
        System.out.printf("%n%s:%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(entry -> System.out.printf("  %s %5.1f%%  %s%n",
                        alloc ? String.format("%8.1f MB", entry.getValue() / 1048576.0) : String.format("%6d", entry.getValue()),
                        100.0 * entry.getValue() / total, entry.getKey()));
    }
}
