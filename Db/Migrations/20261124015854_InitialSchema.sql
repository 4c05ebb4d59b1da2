-- source 20261124015854_InitialSchema.cs 3DFA19339E1588815D550E8D4B73E0570A97FF3A8D7279CBDAC4DD89411E31BC
-- source 20261124015854_InitialSchema.Designer.cs 8C042A141C2596861529023016516169CCAA443A0A298B52C78AF9597219D37F
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;
CREATE TABLE organization (
    id text NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    logo text,
    metadata text,
    stripe_customer_id text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_organization PRIMARY KEY (id)
);

CREATE TABLE subscription (
    id text NOT NULL,
    plan text NOT NULL,
    reference_id text NOT NULL,
    stripe_customer_id text,
    stripe_subscription_id text,
    status text NOT NULL DEFAULT 'incomplete',
    period_start timestamp with time zone,
    period_end timestamp with time zone,
    trial_start timestamp with time zone,
    trial_end timestamp with time zone,
    cancel_at_period_end boolean DEFAULT FALSE,
    cancel_at timestamp with time zone,
    canceled_at timestamp with time zone,
    ended_at timestamp with time zone,
    seats integer,
    billing_interval text,
    group_id text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_subscription PRIMARY KEY (id)
);

CREATE TABLE "user" (
    id text NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    email_verified boolean NOT NULL DEFAULT FALSE,
    image text,
    is_anonymous boolean NOT NULL DEFAULT FALSE,
    stripe_customer_id text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_user PRIMARY KEY (id)
);

CREATE TABLE verification (
    id text NOT NULL,
    identifier text NOT NULL,
    value text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_verification PRIMARY KEY (id)
);

CREATE TABLE identity (
    id text NOT NULL,
    account_id text NOT NULL,
    provider_id text NOT NULL,
    user_id text NOT NULL,
    access_token text,
    refresh_token text,
    id_token text,
    access_token_expires_at timestamp with time zone,
    refresh_token_expires_at timestamp with time zone,
    scope text,
    password text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_identity PRIMARY KEY (id),
    CONSTRAINT fk_identity_user_user_id FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);

CREATE TABLE invitation (
    id text NOT NULL,
    email text NOT NULL,
    inviter_id text NOT NULL,
    organization_id text NOT NULL,
    role text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    rejected_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_invitation PRIMARY KEY (id),
    CONSTRAINT fk_invitation_organization_organization_id FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT fk_invitation_user_inviter_id FOREIGN KEY (inviter_id) REFERENCES "user" (id) ON DELETE CASCADE
);

CREATE TABLE member (
    id text NOT NULL,
    user_id text NOT NULL,
    organization_id text NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_member PRIMARY KEY (id),
    CONSTRAINT fk_member_organization_organization_id FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_user_user_id FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);

CREATE TABLE passkey (
    id text NOT NULL,
    name text,
    public_key text NOT NULL,
    user_id text NOT NULL,
    credential_id text NOT NULL,
    counter integer NOT NULL DEFAULT 0,
    device_type text NOT NULL,
    backed_up boolean NOT NULL,
    transports text,
    aaguid text,
    last_used_at timestamp with time zone,
    device_name text,
    platform text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_passkey PRIMARY KEY (id),
    CONSTRAINT fk_passkey_user_user_id FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);

CREATE TABLE session (
    id text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    token text NOT NULL,
    ip_address text,
    user_agent text,
    user_id text NOT NULL,
    active_organization_id text,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_session PRIMARY KEY (id),
    CONSTRAINT fk_session_user_user_id FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_identity_provider_id_account_id ON identity (provider_id, account_id);

CREATE INDEX ix_identity_user_id ON identity (user_id);

CREATE INDEX ix_invitation_email ON invitation (email);

CREATE INDEX ix_invitation_inviter_id ON invitation (inviter_id);

CREATE INDEX ix_invitation_organization_id ON invitation (organization_id);

CREATE UNIQUE INDEX ix_invitation_organization_id_email ON invitation (organization_id, email);

CREATE INDEX ix_member_organization_id ON member (organization_id);

CREATE INDEX ix_member_user_id ON member (user_id);

CREATE UNIQUE INDEX ix_member_user_id_organization_id ON member (user_id, organization_id);

CREATE UNIQUE INDEX ix_organization_slug ON organization (slug);

CREATE UNIQUE INDEX ix_passkey_credential_id ON passkey (credential_id);

CREATE INDEX ix_passkey_user_id ON passkey (user_id);

CREATE INDEX ix_session_active_organization_id ON session (active_organization_id);

CREATE UNIQUE INDEX ix_session_token ON session (token);

CREATE INDEX ix_session_user_id ON session (user_id);

CREATE INDEX ix_subscription_reference_id ON subscription (reference_id);

CREATE INDEX ix_subscription_stripe_customer_id ON subscription (stripe_customer_id);

CREATE UNIQUE INDEX ix_subscription_stripe_subscription_id ON subscription (stripe_subscription_id);

CREATE UNIQUE INDEX ix_user_email ON "user" (email);

CREATE INDEX ix_verification_expires_at ON verification (expires_at);

CREATE INDEX ix_verification_identifier ON verification (identifier);

CREATE UNIQUE INDEX ix_verification_identifier_value ON verification (identifier, value);

CREATE INDEX ix_verification_value ON verification (value);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261124015854_InitialSchema', '10.0.15');

COMMIT;

