"""Storage layer: the only code that reads files from disk or talks to the database."""
