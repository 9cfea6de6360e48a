"""gRPC server bootstrap, interceptors and client factory."""
