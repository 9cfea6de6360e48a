"""Per-tenant approval policy: the ordered stages a story must pass and the role that
signs off official statements."""
