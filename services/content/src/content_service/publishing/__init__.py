"""Publishing aggregate: the portal's published read model (snapshots, retractions, search,
feeds, sitemap) and the editorial orders that publish, correct, retract and syndicate."""
