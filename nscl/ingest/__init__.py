"""Importing staff files: dataset specs, reading, validation, commit with history, undo."""
