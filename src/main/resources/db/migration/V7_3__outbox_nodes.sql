-- The nodes that send deliveries, each with the last time it reported (its heartbeat, every poll interval). A lease
-- on a delivery (delivery.claimed_by) outlives a node killed mid-send until the lease runs out or the node
-- restarts; only while its holder keeps reporting is the delivery shown as being sent. Portable SQL: H2 and PostgreSQL.

CREATE TABLE outbox_node (
    node_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    -- when this node last started: its leases from before are released then (node identities survive restarts)
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
