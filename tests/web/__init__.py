"""Its own package: package-scoped fixtures stop its stack once its tests are done."""
