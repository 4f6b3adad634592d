"""The kiosk's log files, each bounded, and the pipes workers log into."""
