"""MegFlow's async utilities: yield_now, sleep, join, create_future (wakers carried in messages to
another node, a join of two waits), block_on."""

import threading
import time

import pytest

import rill
from rill import Envelope, register

from conftest import block_on, run_config, wait_graph

# ---- block_on --------------------------------------------------------------------------------


def test_block_on_runs_the_callable_and_returns_its_result():
    assert block_on(lambda: 6 * 7) == 42


def test_block_on_reraises_the_callables_exception():
    def boom():
        raise LookupError("from inside block_on")

    with pytest.raises(LookupError, match="from inside block_on"):
        block_on(boom)


def test_coroutine_primitives_work_inside_block_on():
    def body():
        rill.sleep(1)
        rill.yield_now()
        return rill.join([lambda: "joined"])

    assert block_on(body) == ["joined"]


def test_block_on_called_directly_on_the_main_thread():
    assert threading.current_thread() is threading.main_thread()
    assert rill.block_on(lambda: rill.join([lambda: 1, lambda: 2])) == [1, 2]


# ---- join ------------------------------------------------------------------------------------


def test_join_returns_results_in_input_order_not_completion_order():
    def slow():
        rill.sleep(100)
        return "slow"

    def fast():
        return "fast"

    assert block_on(lambda: rill.join([slow, fast])) == ["slow", "fast"]


def test_join_of_nothing_returns_an_empty_list():
    assert block_on(lambda: rill.join([])) == []


def test_join_runs_callables_concurrently_on_one_thread():
    order = []
    threads = set()

    def waiter():
        threads.add(threading.get_ident())
        order.append("waiter starts")
        rill.sleep(100)
        order.append("waiter ends")

    def other():
        threads.add(threading.get_ident())
        order.append("other runs")

    block_on(lambda: rill.join([waiter, other]))
    # other ran while waiter was suspended in sleep
    assert order == ["waiter starts", "other runs", "waiter ends"]
    assert len(threads) == 1


def test_join_reraises_an_exception_of_a_joined_callable():
    def bad():
        raise ArithmeticError("joined failure")

    with pytest.raises(ArithmeticError, match="joined failure"):
        block_on(lambda: rill.join([lambda: 1, bad]))


def test_join_can_nest():
    def inner():
        return rill.join([lambda: "a", lambda: "b"])

    assert block_on(lambda: rill.join([inner, lambda: "c"])) == [["a", "b"], "c"]


# ---- yield_now / sleep -----------------------------------------------------------------------


def _two_loops(use_yield):
    trace = []

    def loop(name):
        def body():
            for i in range(3):
                trace.append((name, i))
                if use_yield:
                    rill.yield_now()
        return body

    block_on(lambda: rill.join([loop("a"), loop("b")]))
    return trace


def test_yield_now_lets_the_other_joined_callable_run():
    trace = _two_loops(use_yield=True)
    assert sorted(trace) == [("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1), ("b", 2)]
    # b started before a finished: a gave way at its yields
    assert trace.index(("b", 0)) < trace.index(("a", 2))


def test_without_yield_now_a_callable_runs_to_its_end_first():
    assert _two_loops(use_yield=False) == [("a", 0), ("a", 1), ("a", 2),
                                           ("b", 0), ("b", 1), ("b", 2)]


def test_sleep_suspends_for_at_least_the_given_milliseconds():
    def body():
        t0 = time.monotonic()
        rill.sleep(150)
        return time.monotonic() - t0

    assert block_on(body) >= 0.149  # a lower bound only: never early


def test_yield_now_and_sleep_work_outside_any_coroutine():
    assert rill.yield_now() is None
    start = time.monotonic()
    assert rill.sleep(20) is None
    # A lower bound only: sleep must really wait on a plain thread, never return at once.
    assert time.monotonic() - start >= 0.019


# ---- futures ---------------------------------------------------------------------------------


def test_future_wait_returns_the_woken_value_once_then_none():
    fut, waker = rill.create_future()
    waker.wake({"v": 1})
    assert fut.wait() == {"v": 1}
    assert fut.wait() is None


def test_only_the_first_wake_counts():
    fut, waker = rill.create_future()
    waker.wake("first")
    waker.wake("second")
    assert fut.wait() == "first"


def test_future_callback_is_called_with_the_value():
    got = []
    fut, waker = rill.create_future(lambda v: got.append(v))
    waker.wake(5)
    assert got == [5]
    assert fut.wait() == 5


def test_future_wait_suspends_until_another_coroutine_wakes_it():
    fut, waker = rill.create_future()
    order = []

    def waiter():
        order.append("wait")
        v = fut.wait()
        order.append(("woken", v))
        return v

    def wakerfn():
        rill.sleep(20)
        order.append("wake")
        waker.wake("later")

    assert block_on(lambda: rill.join([waiter, wakerfn])) == ["later", None]
    assert order == ["wait", "wake", ("woken", "later")]


def test_waiting_on_a_future_whose_waker_was_dropped_raises():
    fut, waker = rill.create_future()
    del waker
    with pytest.raises(RuntimeError):
        block_on(fut.wait)


# ---- wakers carried in messages to another node (MegFlow's `future` example) -------------------

FUT = {}


@register(inputs=[], outputs=["out"])
class AsyncWakerSource:
    """Sends a Waker inside each of two messages, then joins the two waits."""

    def __init__(self, name, args):
        pass

    def exec(self):
        futures = []
        for i in range(2):
            fut, waker = rill.create_future()
            futures.append(fut)
            self.out.send(Envelope.pack({"index": i, "waker": waker}))
        FUT["joined"] = rill.join([futures[0].wait, futures[1].wait])
        FUT["thread"] = threading.get_ident()


@register(inputs=["inp"], outputs=[])
class AsyncWakerSink:
    """Wakes each received Waker with a value naming the message, in reverse order."""

    def __init__(self, name, args):
        self.pending = []

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        self.pending.append(env.msg)
        if len(self.pending) == 2:
            for msg in reversed(self.pending):
                msg["waker"].wake("woken %d" % msg["index"])


def test_wakers_sent_through_channels_wake_a_join_of_two_waits():
    FUT.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "AsyncWakerSource"},
         {name = "via", ty = "Transform"},
         {name = "sink", ty = "AsyncWakerSink"}]
connections = [{cap = 4, ports = ["src:out", "via:inp"]}, {cap = 4, ports = ["via:out", "sink:inp"]}]
""")
    assert FUT["joined"] == ["woken 0", "woken 1"]


@register(inputs=["inp"], outputs=[])
class AsyncHostWaker:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg.wake("from node")


def test_a_host_thread_can_wait_on_a_future_a_node_wakes():
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["w:inp"]}]
nodes = [{name = "w", ty = "AsyncHostWaker"}]
""")
    fut, waker = rill.create_future()
    g.input("inp").send(Envelope.pack(waker))
    del waker
    g.close()
    assert block_on(fut.wait, g) == "from node"
    wait_graph(g)
