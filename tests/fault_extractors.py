"""An extractor for the fault tests (not a test module): it kills its own worker process when
the article says so, the way an out-of-memory kill or a crash in native code would."""
from __future__ import annotations

import os
import signal

from newsgraph.extract.base import Extractor

POISON = "KILL-THIS-WORKER"


class WorkerKiller(Extractor):
    name = "worker-killer"
    assigns = ("fault_probe",)

    def __call__(self, doc, parts):
        if POISON in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return {}


SLOW = "TAKE-YOUR-TIME"


class Sleeper(Extractor):
    """Takes `seconds` over an article that says so (for the per-article time budget)."""
    name = "sleeper"
    assigns = ("slow_probe",)
    seconds = 3.0

    def __call__(self, doc, parts):
        if SLOW in doc.text:
            import time

            time.sleep(self.seconds)
        return {}
