"""Text for people, pure: Indonesian number/date/period formats, every UI string, display
tables and safe CSV/XLSX writers. Imports only ``analysis``; every other layer may import it."""
