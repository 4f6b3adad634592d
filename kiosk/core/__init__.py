"""The kiosk's behaviour: no Textual, no audio (import-linter checks it)."""
