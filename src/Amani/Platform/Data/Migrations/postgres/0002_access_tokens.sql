-- Version 2: personal access tokens and one-time set-up tokens.

CREATE TABLE setup_tokens (
    id uuid NOT NULL,
    secret_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT pk_setup_tokens PRIMARY KEY (id)
);

CREATE TABLE access_tokens (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    prefix character varying(16) NOT NULL,
    secret_hash character varying(64) NOT NULL,
    scopes character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    CONSTRAINT pk_access_tokens PRIMARY KEY (id),
    CONSTRAINT fk_access_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_access_tokens_secret_hash ON access_tokens (secret_hash);

CREATE INDEX ix_access_tokens_user_id ON access_tokens (user_id);

CREATE UNIQUE INDEX ix_setup_tokens_secret_hash ON setup_tokens (secret_hash);
