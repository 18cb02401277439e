"""Readers the spreadsheet child runs instead of the real one, to prove that whatever happens in the
child (abort, kill, hang, memory, panic) reaches the parent as a ReadError. Passed by the tests as a
parameter; production code never looks for them."""
from __future__ import annotations

import os
import signal
import time


def aborts(data, sheet, limits):
    os.abort()


def killed(data, sheet, limits):
    os.kill(os.getpid(), signal.SIGKILL)


def hangs(data, sheet, limits):
    time.sleep(3600)


def exits_silently(data, sheet, limits):
    os._exit(0)


def allocates(data, sheet, limits):
    hog = bytearray(limits.read_memory_bytes * 2)
    return "Sheet1", iter([[str(len(hog))]])


class FakePanic(BaseException):
    """Like pyo3_runtime.PanicException: not an Exception."""


def panics(data, sheet, limits):
    raise FakePanic("index out of bounds")


def well_behaved(data, sheet, limits):
    return "Trang 1", iter([["Mã số thuế", "Tên doanh nghiệp"], ["3100000016", "Công ty A"]])
