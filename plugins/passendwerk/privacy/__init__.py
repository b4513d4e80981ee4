"""The person's rights (AVG): privacy requests, export and erasure."""
