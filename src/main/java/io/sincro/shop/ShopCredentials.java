package io.sincro.shop;

import jakarta.validation.constraints.Size;

/**
 * How the hub authenticates to a shop. Magento integrations: OAuth 1.0a with all four values (the
 * default since 2.4.4), or the access token alone as a Bearer token when the shop allows it.
 * PrestaShop: the webservice key ({@link AuthMode#WEBSERVICE}), kept in {@code accessToken} (also
 * accepted as {@code webserviceKey}) and sent as the HTTP Basic user with an empty password.
 * Never printed: {@link #toString()} masks every secret.
 */
public record ShopCredentials(AuthMode mode, @Size(max = 200) String consumerKey,
        @Size(max = 200) String consumerSecret,
        @com.fasterxml.jackson.annotation.JsonAlias("webserviceKey") @Size(max = 200) String accessToken,
        @Size(max = 200) String accessTokenSecret) {

    /** {@code WEBSERVICE}: a PrestaShop webservice key (the store's auth_mode column holds at most 10 characters). */
    public enum AuthMode { OAUTH1, BEARER, WEBSERVICE }

    /** The new credentials, keeping each secret that the update leaves out (secrets are write-only). */
    public ShopCredentials keepingUnset(ShopCredentials previous) {
        if (previous == null) {
            return this;
        }
        return new ShopCredentials(mode == null ? previous.mode : mode,
                consumerKey == null ? previous.consumerKey : consumerKey,
                consumerSecret == null ? previous.consumerSecret : consumerSecret,
                accessToken == null ? previous.accessToken : accessToken,
                accessTokenSecret == null ? previous.accessTokenSecret : accessTokenSecret);
    }

    /** What is missing for the chosen mode, or null when complete. */
    public String whatIsMissing() {
        if (mode == null) {
            return "auth mode (OAUTH1 or BEARER) is required";
        }
        if (mode == AuthMode.WEBSERVICE) {
            // PrestaShop answers any other key with 401 code 18 "Invalid authentication key format"
            return accessToken == null || !accessToken.matches("[A-Za-z0-9]{32}")
                    ? "the PrestaShop webservice key (webserviceKey) is required: the 32 letters and digits of "
                    + "Advanced Parameters > Webservice" : null;
        }
        if (isBlank(accessToken)) {
            return "access token is required";
        }
        if (mode == AuthMode.OAUTH1 && (isBlank(consumerKey) || isBlank(consumerSecret) || isBlank(accessTokenSecret))) {
            return "OAuth 1.0a needs consumer key, consumer secret, access token and access token secret";
        }
        return null;
    }

    @Override
    public String toString() {
        return "ShopCredentials[mode=" + mode + ", secrets=****]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
