"""Running in production: health, the request and task log, the worker heartbeat, backups."""
