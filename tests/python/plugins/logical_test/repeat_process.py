import multiprocessing
import os

from megflow import register

STATE = {}


def echo(conn, parent_end, times):
    """The subprocess: answers every item with `times` copies (item, k, its pid); None ends.
    It closes its copy of the parent's end first, so it sees EOF (and ends) if the parent dies."""
    parent_end.close()
    while True:
        try:
            item = conn.recv()
        except EOFError:
            break
        if item is None:
            break
        for k in range(times):
            conn.send((item, k, os.getpid()))
    conn.close()


@register(inputs=["inp"], outputs=["out"], exclusive=True)
class RepeatProcess:
    """Global node: every message goes to a forked subprocess and comes back `times` times, each
    copy repacked from the original envelope so the shared node routes it back to its sender."""

    def __init__(self, name, args):
        self.times = args["times"]
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=echo, args=(child, self.conn, self.times), daemon=True)
        self.proc.start()
        child.close()
        STATE["child_pid"] = self.proc.pid
        STATE["constructed"] = STATE.get("constructed", 0) + 1

    def exec(self):
        env = self.inp.recv()
        if env is None:  # one client's stream ended (or all input did)
            return
        self.conn.send(env.msg)
        for _ in range(self.times):
            item, k, pid = self.conn.recv()
            self.out.send(env.repack({"addr": item["addr"], "k": k, "pid": pid}))

    def __del__(self):
        proc = getattr(self, "proc", None)
        if proc is None:
            return
        self.proc = None
        try:
            self.conn.send(None)
            self.conn.close()
        except OSError:
            pass
        proc.join(30)
        if proc.exitcode is None:
            proc.kill()
            proc.join(5)
        STATE["child_exitcode"] = proc.exitcode
