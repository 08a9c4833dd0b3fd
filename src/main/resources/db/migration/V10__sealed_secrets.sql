-- The shops' secrets are kept sealed (AES-256-GCM, "v1:" + Base64) when sincro.secrets.key is set:
-- room for the IV, the tag and the Base64 of a 200-character secret. SET DATA TYPE: HSQLDB and PostgreSQL.
ALTER TABLE shop_account ALTER COLUMN consumer_key SET DATA TYPE VARCHAR(1000);
ALTER TABLE shop_account ALTER COLUMN consumer_secret SET DATA TYPE VARCHAR(1000);
ALTER TABLE shop_account ALTER COLUMN access_token SET DATA TYPE VARCHAR(1000);
ALTER TABLE shop_account ALTER COLUMN access_token_secret SET DATA TYPE VARCHAR(1000);
