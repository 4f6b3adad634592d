"""Names vulture (dead-code finder, [tool.vulture] in pyproject.toml) cannot see being used.

Vulture reads only kiosk/ and this file, and matches by name: `_.name` here counts as a use of
every `name` in kiosk/. Each entry says who uses it. Add one only with that reason; code that
nothing uses is deleted instead. tests/test_code_shape.py runs vulture.
"""

# ruff: noqa: B018, F821
# (Never imported or run: the bare attribute reads are the whole point.)

# ----- Textual calls these by name ---------------------------------------------------------
_.CSS_PATH  # App class variable: the stylesheet Textual loads (kiosk/ui/app.py)
_.ENABLE_COMMAND_PALETTE  # App class variable read by Textual (kiosk/ui/app.py)
_.compose  # Screen/Widget method Textual calls to build the widgets (kiosk/ui/*)
_.on_mount  # Textual event handler (Mount), dispatched by name (kiosk/ui/*)
_.on_unmount  # Textual event handler (Unmount) (kiosk/ui/app.py)
_.on_key  # Textual event handler (Key) (kiosk/ui/app.py, kiosk/ui/staff_prompt.py)
_.on_resize  # Textual event handler (Resize) (kiosk/ui/blocks.py, kiosk/ui/kiosk_screen.py)
_.on_speech_message  # Textual handler for the app's SpeechMessage (kiosk/ui/app.py)
_.on_voice_message  # Textual handler for the app's VoiceMessage (kiosk/ui/app.py)
_.on_kiosk_screen_topics_below  # Textual handler for KioskScreen.TopicsBelow (kiosk/ui/app.py)

# ----- Python, the standard library and onnxruntime read these ----------------------------
_.exc_info  # the `*exc_info` parameters of a context manager's __exit__ (kiosk/bench/pulse.py)
_.raiseExceptions  # logging.raiseExceptions = False: read by the logging module (logs, workers)
_.intra_op_num_threads  # onnxruntime.SessionOptions setting (kiosk/voice/moonshine/model.py)
_.inter_op_num_threads  # onnxruntime.SessionOptions setting (kiosk/voice/moonshine/model.py)
_.log_severity_level  # onnxruntime.SessionOptions setting (kiosk/voice/moonshine/*.py)
_.graph_optimization_level  # onnxruntime.SessionOptions setting (moonshine/prepare.py)
_.optimized_model_filepath  # onnxruntime.SessionOptions: where it writes the optimized model

# ----- called by name from outside Python code --------------------------------------------
_.soak_main  # `kiosk bench soak`: kiosk/__main__.py names it in a string for import_module
_.monkey_main  # `kiosk bench monkey`: the same
_.is_current  # scripts/setup runs `from kiosk.voice.moonshine.prepare import is_current`
_.silence_ms  # Trial field read with getattr(trial, "silence_ms") (kiosk/bench/speech.py)

# ----- the test doubles and probes the tests use (the tests are outside vulture's view) ----
_.FakeListener  # kiosk/voice/fakes.py: tests/app, tests/voice
_.RecordingSpeaker  # kiosk/speech/fakes.py: the speaker of every app test (tests/support/apps.py)
_.unplug  # FakeListener.unplug: tests/app/test_voice_app.py
_.replug  # FakeListener.replug: tests/app/test_voice_app.py
_.set_available  # FakeSpeaker.set_available (kiosk/speech/fakes.py): tests/app, tests/speech
_.play_into_microphone  # PulseServer (kiosk/bench/pulse.py): tests/e2e, tests/voice, tests/ops
_.unplug_devices  # PulseServer: tests/faults
_.plug_devices_back  # PulseServer: tests/faults
_.route_speaker_into_microphone  # PulseServer: tests/e2e/test_voice_in_kiosk.py
_.unroute_speaker  # PulseServer: tests/e2e/test_voice_in_kiosk.py
_.write_wav  # kiosk/bench/corpus.py: tests/voice (test audio files)
_.choices_below  # KioskScreen.choices_below: tests/ui/test_visibility.py
_.patient_steps  # kiosk/commands/keystate.py: tests/unit/test_keypad_traps.py
_.patient_can_press  # kiosk/commands/keystate.py: tests/unit/test_keypad_traps.py
_.unsaved  # UsageLog.unsaved (kiosk/logs/usage.py): tests/ops/test_usage.py
_.pending_repeats  # RepeatCollapser.pending_repeats (kiosk/logs/repeats.py): tests/ops
_.close_shared_log_pipe  # kiosk/logs/pipe.py: tests/ops/test_worker_logs.py
_.go_home  # Controller.go_home: tests/unit/test_controller.py, tests/unit/test_keypad_traps.py
_.awaiting_voice  # Controller.awaiting_voice: tests/e2e/test_voice_in_kiosk.py
_.paused  # Narration.paused: tests/unit/test_controller.py
