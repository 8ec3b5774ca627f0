package io.sessiondb.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A history as JSON lines, one {@link Op} a line, as {@code conformance/history.sh} and a reader expect. */
public final class HistoryFile {

    private HistoryFile() {}

    static void write(Path file, List<Op> history) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, history.stream().map(Op::toJson).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Op> read(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(Op::fromJson).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a history file again and prints the report: {@code HistoryFile <file.jsonl>}. */
    public static void main(String[] args) {
        System.out.print(HistoryChecker.check(read(Path.of(args[0]))).text());
    }
}
