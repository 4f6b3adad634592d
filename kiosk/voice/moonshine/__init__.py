"""Moonshine base (English), a neural speech recognizer run by onnxruntime, held to the kiosk's
phrases. The model ships inside the `moonshine-cpp` wheel; `scripts/setup` prepares it once
(prepare.py) into the fixed folder files.py names, and the listener loads it from there."""
