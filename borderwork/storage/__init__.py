"""Uploaded scans and archived reports stored in the database, so servers share nothing else."""
