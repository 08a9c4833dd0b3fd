package io.sincro.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an HSQLDB file store ({@code data/sincro.script}, {@code .data}, {@code .log}, …) and the
 * secrets key kept beside them: readable by the hub's user only. What kind of store a JDBC URL names, so
 * the hub knows where a missing {@code sincro.secrets.key} may come from.
 */
final class StoreFiles {

    private static final Logger log = LoggerFactory.getLogger(StoreFiles.class);
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private enum Kind { FILE, MEMORY, SERVER }

    private final Kind kind;
    private final Path database;

    private StoreFiles(Kind kind, Path database) {
        this.kind = kind;
        this.database = database;
    }

    static StoreFiles of(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:hsqldb:mem:")) {
            return new StoreFiles(Kind.MEMORY, null);
        }
        if (lower.startsWith("jdbc:hsqldb:file:")) {
            String path = url.substring("jdbc:hsqldb:file:".length());
            int options = path.indexOf(';');
            return new StoreFiles(Kind.FILE, Path.of(options < 0 ? path : path.substring(0, options)));
        }
        return new StoreFiles(Kind.SERVER, null);
    }

    /** Whether the store is an HSQLDB file database (files beside a path such as {@code data/sincro}). */
    boolean isFile() {
        return kind == Kind.FILE;
    }

    /**
     * The key that seals the shops' secrets when {@code sincro.secrets.key} is not set: the key file beside
     * an HSQLDB file store (created at the first start), a key for this run only for an in-memory store
     * (it dies with the process); a store on a server needs the key given, on every node.
     */
    String secretsKey() {
        return switch (kind) {
            case MEMORY -> HexFormat.of().formatHex(randomKey());
            case SERVER -> throw new IllegalStateException("sincro.secrets.key is not set, and the store is a "
                    + "database server (PostgreSQL): the shops' secrets would be stored as they are. Generate a key "
                    + "once (openssl rand -base64 32), give it to every node as SINCRO_SECRETS_KEY (or "
                    + "sincro.secrets.key), keep a copy with the database's backups, and start again");
            case FILE -> keyFile();
        };
    }

    private String keyFile() {
        Path file = Path.of(database + ".key");
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                restrict(directory, OWNER_DIRECTORY);
            }
            if (!Files.exists(file)) {
                try {
                    Files.writeString(create(file), HexFormat.of().formatHex(randomKey()) + "\n",
                            StandardCharsets.US_ASCII);
                    log.info("Created the key that seals the shops' secrets at {} (readable by this user only): keep "
                            + "it with the database's backups; without it the stored secrets cannot be opened", file);
                } catch (FileAlreadyExistsException anotherStartMadeIt) {
                    // read below
                }
            }
            restrict(file, OWNER_FILE);
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the key file " + file + " (which seals the shops' secrets) cannot be "
                    + "created or read: " + e.getMessage() + ". Set sincro.secrets.key instead", e);
        }
    }

    private static Path create(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(file);
        }
    }

    /**
     * Makes the store's files readable by this user only: every {@code <name>.*} file and folder beside the
     * database, and the folder itself when it holds nothing else (a shared folder keeps its permissions).
     */
    void protect() {
        if (kind != Kind.FILE) {
            return;
        }
        Path directory = database.toAbsolutePath().getParent();
        String prefix = database.getFileName() + ".";
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> all = entries.toList();
            boolean onlyOurs = true;
            for (Path entry : all) {
                if (entry.getFileName().toString().startsWith(prefix)) {
                    restrict(entry, Files.isDirectory(entry) ? OWNER_DIRECTORY : OWNER_FILE);
                } else {
                    onlyOurs = false;
                }
            }
            if (onlyOurs) {
                restrict(directory, OWNER_DIRECTORY);
            }
        } catch (IOException e) {
            log.warn("The store's files in {} could not be made readable by this user only: {}", directory,
                    e.getMessage());
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): its ACLs are the operator's
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
