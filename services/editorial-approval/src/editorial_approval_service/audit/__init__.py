"""The append-only audit log: one record per transition and per policy or freeze change.
Every other aggregate writes here; this one depends on none of them."""
