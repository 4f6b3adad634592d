"""The prepared Moonshine model, for the tests that run it (scripts/setup prepares it)."""

from __future__ import annotations

import pytest

from kiosk.voice.moonshine.files import MODEL_DIR, ModelFiles, ModelProblem, verified


@pytest.fixture(scope="session")
def model_files() -> ModelFiles:
    try:
        return verified(MODEL_DIR)
    except ModelProblem as problem:
        pytest.fail(f"the test command prepares the voice model (scripts/setup): {problem}")
