"""Business rules as verb functions; services flush, only views and CLI commands commit."""
