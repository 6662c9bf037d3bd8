package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin guide, docs/PLUGINS.md, shows the code of src/test/java/com/example/guide exactly, so the code an
 * author copies is the code this build compiles and runs through the kit.
 */
class GuideCodeTest {

    private static final Path GUIDE = Path.of("../docs/PLUGINS.md");
    private static final Path CODE = Path.of("src/test/java/com/example/guide");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");

    private static List<String> guideBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(GUIDE, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).startsWith("package com.example.guide;")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    private static TreeMap<String, String> codeFiles() throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(CODE)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void theGuideShowsEveryFileOfTheTestedCodeVerbatim() throws IOException {
        List<String> blocks = guideBlocks();
        TreeMap<String, String> files = codeFiles();
        assertFalse(files.isEmpty(), "the guide's code is in " + CODE.toAbsolutePath());
        files.forEach((name, text) -> assertTrue(blocks.contains(text),
                name + " is shown in " + GUIDE + " exactly as in " + CODE + "; copy it there again"));
    }

    @Test
    void theGuideShowsNoGuideCodeThatIsNotTested() throws IOException {
        List<String> blocks = guideBlocks();
        var files = codeFiles().values();
        for (String block : blocks) {
            assertTrue(files.contains(block), "this block of " + GUIDE + " is not a file of " + CODE + ":\n" + block);
        }
        assertEquals(files.size(), blocks.size(), "each file is shown once");
    }
}
