"""Story format: schema, loader, checks."""
