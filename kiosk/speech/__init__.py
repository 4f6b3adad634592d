"""Speech output: the worker-process speaker (it implements `kiosk.core.speaker.Speaker`), its
fakes, the pronunciation lexicon, and `SpeechService`, the speaker as the app holds it."""
