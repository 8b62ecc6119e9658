"""Server mode for career centres: accounts, organisations, coaches and candidates on
PostgreSQL, with several web processes and procrastinate workers (docs/server.md)."""

DATABASE_ENV = "AFTERWORD_DATABASE_URL"  # the PostgreSQL every process shares
PORT_ENV = "AFTERWORD_SERVER_PORT"  # the port `serve` listens on, for the Host check
APP_FACTORY = "afterword.web.factory:server"  # what uvicorn's web processes build
