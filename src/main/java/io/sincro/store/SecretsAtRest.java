package io.sincro.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shops' secrets as the database keeps them: sealed with AES-256-GCM under the key of
 * {@code sincro.secrets.key} (32 bytes, hex or Base64; from the environment, never from the repository), as
 * {@code v1:} + Base64(IV, ciphertext and tag). A value without the prefix is one stored before there
 * was a key: it is read as it is, and sealed on the next start.
 *
 * <p>Where the key comes from: {@code sincro.secrets.key}; without it, on an HSQLDB file store, a key
 * file beside the database ({@code data/sincro.key} for {@code data/sincro}), created owner-only at the
 * first start and read at the next ones, so secrets are sealed from the first write; with PostgreSQL
 * (several nodes, a server others may read) the key must be given and the hub does not start without it.
 * Rotation: the old key as {@code sincro.secrets.previous-key} beside the new one opens what it sealed,
 * and the hub seals it again under the new key at start.
 */
@Component
public class SecretsAtRest {

    static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecretKey previousKey;
    private final SecureRandom random = new SecureRandom();

    /** Only the key given (none: nothing is sealed); for tests of the sealing itself. */
    public SecretsAtRest(String key) {
        this(key, null);
    }

    public SecretsAtRest(String key, String previousKey) {
        this.key = key == null || key.isBlank() ? null : key(key.strip(), "sincro.secrets.key");
        this.previousKey = previousKey == null || previousKey.isBlank() ? null
                : key(previousKey.strip(), "sincro.secrets.previous-key");
    }

    /** The hub's: the key configured, else the store's key file (HSQLDB), else a refusal to start (PostgreSQL). */
    @org.springframework.beans.factory.annotation.Autowired
    public SecretsAtRest(@Value("${sincro.secrets.key:}") String key,
            @Value("${sincro.secrets.previous-key:}") String previousKey,
            @Value("${spring.datasource.url:}") String databaseUrl) {
        this(key == null || key.isBlank() ? StoreFiles.of(databaseUrl).secretsKey() : key, previousKey);
    }

    public boolean sealing() {
        return key != null;
    }

    /** What the database keeps for a secret: sealed when there is a key. */
    public String seal(String secret) {
        if (secret == null || key == null) {
            return secret;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret cannot be sealed: " + e.getMessage(), e);
        }
    }

    /** The secret a stored value holds. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("the shops' secrets in the database are sealed, but sincro.secrets.key "
                    + "is not set: start the hub with the key they were sealed with");
        }
        if (previousKey != null) {
            try {
                return open(stored, key);
            } catch (IllegalStateException notThisKey) {
                return open(stored, previousKey);
            }
        }
        return open(stored, key);
    }

    /** Whether a stored value should be sealed again: it is open, or sealed under the previous key. */
    public boolean needsSealing(String stored) {
        if (stored == null || key == null) {
            return false;
        }
        if (!isSealed(stored)) {
            return true;
        }
        if (previousKey == null) {
            return false;
        }
        try {
            open(stored, key);
            return false;
        } catch (IllegalStateException sealedWithThePreviousKey) {
            return true;
        }
    }

    private static String open(String stored, SecretKey key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret in the database is damaged (not Base64)", e);
        }
        if (bytes.length <= IV_BYTES) {
            throw new IllegalStateException("a sealed secret in the database is damaged (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a sealed secret in the database cannot be opened with sincro.secrets.key: "
                    + "it was sealed with another key, or it was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret cannot be opened: " + e.getMessage(), e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** 32 bytes, as 64 hex digits ({@code openssl rand -hex 32}) or Base64 ({@code openssl rand -base64 32}). */
    private static SecretKey key(String text, String property) {
        byte[] bytes;
        if (text.matches("[0-9a-fA-F]{64}")) {
            bytes = HexFormat.of().parseHex(text);
        } else {
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + " must be 32 bytes as 64 hex digits or Base64 "
                        + "(e.g. the output of `openssl rand -base64 32`)", e);
            }
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), as 64 hex digits or "
                    + "Base64: it is " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
