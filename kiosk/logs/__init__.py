"""The files the kiosk writes, each bounded: its log, the pipes its workers log into, and
the anonymous usage counts."""
