package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretsAtRestTest {

    static final String KEY = randomKey();
    static final String TOKEN = "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";

    final SecretsAtRest secrets = new SecretsAtRest(KEY);

    @Test
    void aSealedSecretOpensToItselfAndShowsNothingOfIt() {
        String sealed = secrets.seal(TOKEN);

        assertThat(sealed).startsWith("v1:").doesNotContain(TOKEN).doesNotContain("shpat");
        assertThat(secrets.open(sealed)).isEqualTo(TOKEN);
        assertThat(secrets.seal(TOKEN)).as("a fresh IV each time: equal secrets do not look equal").isNotEqualTo(sealed);
        assertThat(secrets.open(secrets.seal("è€ – 🙂"))).isEqualTo("è€ – 🙂");
    }

    @Test
    void aValueStoredBeforeThereWasAKeyIsReadAsItIsAndNullsStayNull() {
        assertThat(secrets.open(TOKEN)).isEqualTo(TOKEN);
        assertThat(secrets.seal(null)).isNull();
        assertThat(secrets.open(null)).isNull();
    }

    @Test
    void withoutAKeyNothingIsSealedAndASealedValueIsRefusedWithWhatToDo() {
        SecretsAtRest none = new SecretsAtRest("");
        assertThat(none.sealing()).isFalse();
        assertThat(none.seal(TOKEN)).isEqualTo(TOKEN);

        assertThatThrownBy(() -> none.open(secrets.seal(TOKEN))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sincro.secrets.key is not set");
    }

    @Test
    void anotherKeyOrAnAlteredValueIsRefusedAndTheMessageHoldsNoSecret() {
        String sealed = secrets.seal(TOKEN);
        SecretsAtRest other = new SecretsAtRest(randomKey());
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed with another key, or it was altered")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining(KEY);

        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> secrets.open(altered)).hasMessageContaining("altered");
        assertThatThrownBy(() -> secrets.open("v1:***")).hasMessageContaining("damaged");
        assertThatThrownBy(() -> secrets.open("v1:AAAA")).hasMessageContaining("damaged");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedAtStartWithoutEchoingIt() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretsAtRest(sixteen)).hasMessageContaining("32 bytes")
                .hasMessageContaining("16 bytes").hasMessageNotContaining(sixteen);
        assertThatThrownBy(() -> new SecretsAtRest("not base64!")).hasMessageContaining("Base64")
                .hasMessageNotContaining("not base64!");
    }

    @Test
    void aKeyGivenAsSixtyFourHexDigitsIsTheSameKeyAsItsBase64() {
        byte[] key = Base64.getDecoder().decode(KEY);
        SecretsAtRest hex = new SecretsAtRest(java.util.HexFormat.of().formatHex(key));

        assertThat(hex.open(secrets.seal(TOKEN))).isEqualTo(TOKEN);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
