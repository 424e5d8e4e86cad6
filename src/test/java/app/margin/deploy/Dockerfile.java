package app.margin.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as its instructions, as the builder reads them: comments dropped, continued lines joined, one
 * {@link Stage} per {@code FROM}. Enough of the format for the checks of {@link ContainerFilesTest}, no more.
 */
record Dockerfile(List<Stage> stages) {
    record Instruction(String keyword, String arguments) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** {@code ENV a=b c=d} (or the old {@code ENV a b}), later values winning. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
            for (String arguments : all("ENV")) {
                Matcher m = pair.matcher(arguments);
                boolean any = false;
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                    any = true;
                }
                if (!any) {
                    String[] parts = arguments.split("\\s+", 2);
                    env.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
            return env;
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            logical.add(current.toString().strip());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            throw new IllegalArgumentException(file + " ends inside a continued line");
        }
        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].strip() : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                boolean named = from.length == 3 && from[1].equalsIgnoreCase("AS");
                if (from.length != 1 && !named) {
                    throw new IllegalArgumentException("FROM " + arguments + ": expected an image and AS name");
                }
                stages.add(new Stage(from[0], named ? from[2] : null, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (!keyword.equals("ARG")) {
                    throw new IllegalArgumentException(keyword + " before the first FROM in " + file);
                }
            } else {
                stages.getLast().instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    Stage last() {
        return stages.getLast();
    }
}
