"""Server mode for career centres: accounts, organisations, coaches and candidates on
PostgreSQL, with several web processes and procrastinate workers (docs/server.md)."""
