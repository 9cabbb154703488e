package se.finsam.planering.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log chain's end ("id:hash"), noted in a file beside the database ({@code finsam.db.kedja}). The chain
 * alone cannot show that its newest rows were deleted (what is left still chains); the start-up check and the
 * events page hold the log to the row noted here, so a log cut short, or recomputed from an earlier row, is seen.
 * The file is written every hour and when the server stops. Someone who can rewrite both files can also rewrite
 * this one; the server log carries the same lines for a copy kept elsewhere.
 */
public final class Kedjeankare {

    private static final Logger LOG = LoggerFactory.getLogger(Kedjeankare.class);

    private final Path fil;

    public Kedjeankare(Path databasfil) {
        this.fil = databasfil.toAbsolutePath().resolveSibling(databasfil.getFileName() + ".kedja");
    }

    public Path fil() {
        return fil;
    }

    /** The noted row and its chain value; empty when nothing is noted yet or the file cannot be read. */
    public Map<Long, byte[]> las() {
        Map<Long, byte[]> ankare = new LinkedHashMap<>();
        if (!Files.isRegularFile(fil)) {
            return ankare;
        }
        try {
            String text = Files.readString(fil, StandardCharsets.US_ASCII).strip();
            int kolon = text.indexOf(':');
            if (kolon > 0) {
                ankare.put(Long.parseLong(text.substring(0, kolon)), HexFormat.of().parseHex(text.substring(kolon + 1)));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("The audit log's noted chain end {} cannot be read; the log is checked without it", fil, e);
        }
        return ankare;
    }

    /** Notes the chain's end ({@link Loggkedja#slut}); a file written whole or not at all. */
    public void skriv(String slut) {
        if (slut == null) {
            return;
        }
        try {
            Files.createDirectories(fil.getParent());
            Path ny = fil.resolveSibling(fil.getFileName() + ".ny");
            Files.writeString(ny, slut + "\n", StandardCharsets.US_ASCII);
            Files.move(ny, fil, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not note the audit log's chain end in {}", fil, e);
        }
    }
}
