"""CloudEvents over Kafka: envelope, transactional outbox + relay, idempotent consumer."""
