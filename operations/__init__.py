"""Running the service: consistent online backups and restoring them (`backup`, `restore`)."""
