"""File output: calendars (and later CSV, XLSX, print)."""
