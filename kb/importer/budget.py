"""A time budget for importing: parsing that runs too long is stopped, with a message.

Parsing runs in a forked child process; the caller waits at most `seconds` for its answer and
kills the child when time is up. A thread cannot be stopped from outside, and a signal alarm
works only in a process's main thread (gunicorn's threaded workers serve requests in others),
so a separate process is the one way to stop a runaway parse. The child only computes: it
uses no database connection and leaves with os._exit, so nothing of the parent's is closed.
"""

import multiprocessing
import os
import pickle
import traceback

from .reading import ImportProblem

DEFAULT_SECONDS = 30


class OutOfTime(ImportProblem):
    pass


def out_of_time_message(seconds):
    return (
        f"Reading this interview took longer than {seconds:g} seconds, so it was stopped and "
        "nothing was imported. The file may be damaged or unusually nested; paste the "
        "interview's text alone, or split it, and try again."
    )


def run_in_child(connection, function, args, kwargs):
    try:
        outcome = ("done", function(*args, **kwargs))
    except ImportProblem as problem:
        outcome = ("refused", problem.message)
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        outcome = ("failed", traceback.format_exc())
    try:
        connection.send_bytes(pickle.dumps(outcome))
    finally:
        connection.close()
        os._exit(0)


def within_budget(function, *args, seconds=DEFAULT_SECONDS, **kwargs):
    """`function(*args, **kwargs)`, run in a child process that is stopped after `seconds`
    (raising OutOfTime). An ImportProblem it raises is raised here; so is any other error,
    as a RuntimeError with the child's traceback."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=run_in_child, args=(sending, function, args, kwargs))
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise OutOfTime(out_of_time_message(seconds))
        kind, value = pickle.loads(receiving.recv_bytes())
    except EOFError:
        raise RuntimeError("The importer's process ended without an answer.") from None
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "refused":
        raise ImportProblem(value)
    if kind == "failed":
        raise RuntimeError(f"The importer failed:\n{value}")
    return value
