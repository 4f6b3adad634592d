"""Small measuring helpers every benchmark uses: percentiles and resident memory."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path


def percentile(values: Iterable[float | None], fraction: float) -> float | None:
    """The `fraction` percentile (0.5 = median), linearly interpolated, rounded to 0.1;
    None when there is no value. None and NaN values are left out."""
    ordered = sorted(v for v in values if v is not None and not math.isnan(v))
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


def rss_mb(pid: int | str | None = "self") -> float:
    """Resident memory of process `pid` (default: this one) in MB; NaN when unknown."""
    if pid is None:
        return math.nan
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return math.nan
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return math.nan
