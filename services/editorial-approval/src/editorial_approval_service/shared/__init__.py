"""Not an aggregate: the value types, proto helpers, paging and use-case plumbing that the
workflow, policy, freezes and audit subpackages all use. Nothing here imports them."""
