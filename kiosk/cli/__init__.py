"""The staff and developer commands behind `kiosk <tool>`."""
