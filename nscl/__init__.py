"""NSCL programme monitor: data model, indicator SQL, progress maths and UI helpers."""
