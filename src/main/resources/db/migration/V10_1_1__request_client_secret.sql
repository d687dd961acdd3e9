-- The secret of the keyed hash that stands for a requester's address (data_request.client_key, the per-address
-- limit of the public request form): generated once by the first node that needs it, then shared by every node of
-- the state database, so that the limit counts one address the same on all of them. Without it the hash of an
-- address could be reversed by hashing the whole IPv4 space. Portable SQL: H2 and PostgreSQL.
CREATE TABLE request_client_secret (
    id          INTEGER      NOT NULL PRIMARY KEY,
    -- 32 random bytes, Base64
    secret      VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
