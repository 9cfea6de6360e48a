"""Stories aggregate: stories, their immutable revisions and the diffs between them."""
