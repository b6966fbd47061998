-- OpenID Connect sign-ins under way (authorization code flow with PKCE): what the callback must find again, on
-- whichever instance it lands. Single use; a few minutes at most. "state_hash" is the SHA-256 of the state value.
CREATE TABLE oidc_logins (
    state_hash    VARCHAR(64)  PRIMARY KEY,
    nonce         VARCHAR(64)  NOT NULL,
    code_verifier VARCHAR(128) NOT NULL,
    expires_at    BIGINT       NOT NULL
);
