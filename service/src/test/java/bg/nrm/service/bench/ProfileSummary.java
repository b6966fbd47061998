package bg.nrm.service.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads async-profiler's collapsed stacks ({@code thread;frame;…;leaf count}, one stack per line, recorded with
 * {@code threads}) and prints where the CPU went: the share of each kind of thread, then, for the threads whose name
 * contains the filter, the leaf frames and the project's frames (inclusive) by their share of those threads' samples.
 * Not part of the test suite; {@code bench/profile.sh} runs it. Arguments: the collapsed file, the thread filter
 * (default {@code ForkJoinPool}: the carriers of the request handlers' virtual threads), and how many lines of each
 * list (default 40).
 */
public final class ProfileSummary {
    private ProfileSummary() {
    }

    private record Stack(String thread, List<String> frames, long samples) {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String filter = args.length > 1 ? args[1] : "ForkJoinPool";
        int lines = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        List<Stack> stacks = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(ProfileSummary::stack)
                .toList();
        long total = stacks.stream().mapToLong(Stack::samples).sum();
        System.out.printf(Locale.ROOT, "%,d samples in all%n%nBy thread (numbers dropped from names):%n", total);
        Map<String, Long> byThread = new HashMap<>();
        stacks.forEach(s -> byThread.merge(s.thread().replaceAll("[\\d\\s-]*(tid=\\d+)?\\]?$", ""), s.samples(), Long::sum));
        print(byThread, total, lines);

        List<Stack> chosen = stacks.stream().filter(s -> s.thread().contains(filter)).toList();
        long n = chosen.stream().mapToLong(Stack::samples).sum();
        if (n == 0) {
            System.out.printf("%nNo thread's name contains '%s'.%n", filter);
            return;
        }
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        for (Stack s : chosen) {
            leaves.merge(s.frames().getLast(), s.samples(), Long::sum);
            Set<String> seen = new HashSet<>(s.frames());
            for (String frame : seen) {
                if (frame.startsWith("bg/nrm/") && !frame.contains("$$Lambda")) {
                    inclusive.merge(frame, s.samples(), Long::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nThreads named *%s*: %,d samples (%.1f %%). Leaf frames (self time):%n", filter,
                n, 100.0 * n / total);
        print(leaves, n, lines);
        System.out.printf("%nThe project's frames, inclusive (share of those threads' samples):%n");
        print(inclusive, n, lines);
    }

    private static Stack stack(String line) {
        int space = line.lastIndexOf(' ');
        String[] frames = line.substring(0, space).split(";");
        return new Stack(frames[0], List.of(frames).subList(1, frames.length), Long.parseLong(line.substring(space + 1).trim()));
    }

    private static void print(Map<String, Long> counts, long total, int lines) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(lines)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f %%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey().length() > 140 ? e.getKey().substring(0, 140) : e.getKey()));
    }
}
