"""Publishing freezes: a tenant's board or the platform admin (whole group) stops every
publication until the freeze is lifted; scheduled stories due meanwhile are held."""
