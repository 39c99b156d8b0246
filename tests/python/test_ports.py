"""Port ends as Python nodes see them: unit, list and dict ports, unconnected ports, the exec loop,
batch_recv, fan-out and backpressure."""

import rill
from rill import Envelope, register

from conftest import feed_and_collect, run_config

LOG = {}


def log(key):
    return LOG.setdefault(key, [])


@register(inputs=[], outputs=["out"])
class PortSource:
    """Sends args["values"] (default [args["label"]]) and counts its exec calls in LOG."""

    def __init__(self, name, args):
        self.name = name
        self.values = args.get("values", [args.get("label", name)])

    def exec(self):
        log("source_execs:" + self.name).append(1)
        for v in self.values:
            self.out.send(Envelope.pack(v))
            log("sent:" + self.name).append(v)


@register(inputs=["inp"], outputs=[])
class PortSink:
    def __init__(self, name, args):
        self.name = name

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        log("sink:" + self.name).append(env.msg)


@register(inputs=["inp"], outputs=["out"])
class PortLazy:
    """Returns from its first 4 exec calls without touching its input."""

    def __init__(self, name, args):
        self.calls = 0

    def exec(self):
        self.calls += 1
        log("lazy_calls").append(self.calls)
        if self.calls < 5:
            return
        env = self.inp.recv()
        if env is None:
            log("lazy_none").append(self.calls)
            return
        self.out.send(env)


@register(inputs=["inp", "aux"], outputs=["out", "spare"])
class PortUnconnected:
    def __init__(self, name, args):
        pass

    def exec(self):
        log("aux").append(self.aux.recv())
        env = self.inp.recv()
        if env is None:
            return
        self.spare.send(Envelope.pack("into nothing"))
        log("spare_send_returned").append(True)
        self.out.send(env)


@register(inputs=["inp:[]"], outputs=["out:[]"])
class PortListIO:
    """Reads one message from each list input in order, sends the list of them to every output
    end i as [i, msgs]."""

    def __init__(self, name, args):
        pass

    def exec(self):
        log("list_types").append((type(self.inp).__name__, type(self.out).__name__,
                                  [type(e).__name__ for e in self.inp],
                                  [type(e).__name__ for e in self.out]))
        envs = [e.recv() for e in self.inp]
        if all(e is None for e in envs):
            return
        msgs = [e.msg for e in envs]
        for i, end in enumerate(self.out):
            end.send(Envelope.pack([i, msgs]))


@register(inputs=["inp:{}"], outputs=["out:{}"])
class PortDictIO:
    """Forwards what each tagged input end receives to the output end with the same tag."""

    def __init__(self, name, args):
        pass

    def exec(self):
        log("dict_keys").append((sorted(self.inp), sorted(self.out)))
        got_any = False
        for tag in sorted(self.inp):
            env = self.inp[tag].recv()
            if env is None:
                continue
            got_any = True
            env.msg = [tag, env.msg]
            self.out[tag].send(env)
        if not got_any:
            return


PAYLOAD = object()


@register(inputs=[], outputs=["out"])
class PortObjectSource:
    def __init__(self, name, args):
        pass

    def exec(self):
        self.out.send(Envelope.pack(PAYLOAD))


# ---- exec loop -------------------------------------------------------------------------------

def test_source_exec_is_called_exactly_once():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "PortSource", values = [1, 2, 3]}, {name = "sink", ty = "PortSink"}]
connections = [{cap = 1, ports = ["src:out", "sink:inp"]}]
""")
    assert log("source_execs:src") == [1]
    assert log("sink:sink") == [1, 2, 3]


def test_exec_is_called_again_until_the_input_ended_even_without_recv():
    LOG.clear()
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["lazy:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["lazy:out"]}]
nodes = [{name = "lazy", ty = "PortLazy"}]
""")
    got = feed_and_collect(g, [10, 20, 30])
    assert [e.msg for e in got] == [10, 20, 30]
    calls = log("lazy_calls")
    assert calls[:5] == [1, 2, 3, 4, 5]
    assert calls[-1] == len(calls)
    # exec stops being called once the input reported end-of-stream
    assert log("lazy_none") == [calls[-1]]


def test_unconnected_input_reads_none_and_unconnected_output_discards():
    LOG.clear()
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["u:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["u:out"]}]
nodes = [{name = "u", ty = "PortUnconnected"}]
""")
    got = feed_and_collect(g, ["a", "b"])
    assert [e.msg for e in got] == ["a", "b"]
    assert log("aux") and all(v is None for v in log("aux"))
    assert log("spare_send_returned") == [True, True]


# ---- list and dict ports ---------------------------------------------------------------------

def test_unit_port_attributes_are_receiver_and_sender_objects():
    seen = []

    @register(name="PortAttrTypes", inputs=["inp"], outputs=["out"])
    class PortAttrTypes:
        def __init__(self, name, args):
            pass

        def exec(self):
            seen.append((type(self.inp), type(self.out)))
            env = self.inp.recv()
            if env is not None:
                self.out.send(env)

    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["n:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["n:out"]}]
nodes = [{name = "n", ty = "PortAttrTypes"}]
""")
    feed_and_collect(g, [1])
    assert seen and seen[0] == (rill.Receiver, rill.Sender)


def test_list_ports_are_python_lists_ordered_by_tag():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "s_two", ty = "PortSource", label = "two"},
  {name = "s_zero", ty = "PortSource", label = "zero"},
  {name = "s_one", ty = "PortSource", label = "one"},
  {name = "m", ty = "PortListIO"},
  {name = "k_b", ty = "PortSink"},
  {name = "k_a", ty = "PortSink"},
]
connections = [
  {cap = 2, ports = ["s_two:out", "m:inp:2"]},
  {cap = 2, ports = ["s_zero:out", "m:inp:0"]},
  {cap = 2, ports = ["s_one:out", "m:inp:1"]},
  {cap = 2, ports = ["m:out:1", "k_b:inp"]},
  {cap = 2, ports = ["m:out:0", "k_a:inp"]},
]
""")
    assert log("list_types")[0] == ("list", "list", ["Receiver"] * 3, ["Sender"] * 2)
    assert log("sink:k_a") == [[0, ["zero", "one", "two"]]]
    assert log("sink:k_b") == [[1, ["zero", "one", "two"]]]


def test_dict_ports_are_dicts_keyed_by_the_connection_tags():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "s3", ty = "PortSource", values = ["x", "y"]},
  {name = "s7", ty = "PortSource", values = ["z"]},
  {name = "d", ty = "PortDictIO"},
  {name = "k3", ty = "PortSink"},
  {name = "k7", ty = "PortSink"},
]
connections = [
  {cap = 2, ports = ["s3:out", "d:inp:3"]},
  {cap = 2, ports = ["s7:out", "d:inp:7"]},
  {cap = 2, ports = ["d:out:3", "k3:inp"]},
  {cap = 2, ports = ["d:out:7", "k7:inp"]},
]
""")
    assert log("dict_keys")[0] == ([3, 7], [3, 7])
    assert log("sink:k3") == [[3, "x"], [3, "y"]]
    assert log("sink:k7") == [[7, "z"]]


# ---- fan-out ---------------------------------------------------------------------------------

def test_a_connection_with_two_receivers_delivers_every_message_to_both():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "src", ty = "PortSource", values = [1, 2, 3, 4]},
  {name = "left", ty = "PortSink"},
  {name = "right", ty = "PortSink"},
]
connections = [{cap = 2, ports = ["src:out", "left:inp", "right:inp"]}]
""")
    assert log("sink:left") == [1, 2, 3, 4]
    assert log("sink:right") == [1, 2, 3, 4]


def test_fan_out_copies_share_the_same_python_payload_object():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "src", ty = "PortObjectSource"},
  {name = "left", ty = "PortSink"},
  {name = "right", ty = "PortSink"},
]
connections = [{cap = 2, ports = ["src:out", "left:inp", "right:inp"]}]
""")
    assert log("sink:left")[0] is PAYLOAD
    assert log("sink:right")[0] is PAYLOAD


# ---- batch_recv ------------------------------------------------------------------------------

BATCH = {}


@register(inputs=[], outputs=["out"])
class PortGatedSource:
    """Sends 3, then waits until the consumer opens the gate (a Future), then sends 2 more."""

    def __init__(self, name, args):
        pass

    def exec(self):
        for i in range(3):
            self.out.send(Envelope.pack(i))
        BATCH["gate_value"] = BATCH["gate"].wait()
        for i in range(3, 5):
            self.out.send(Envelope.pack(i))


@register(inputs=["inp"], outputs=[])
class PortBatchConsumer:
    def __init__(self, name, args):
        self.done = False

    def exec(self):
        if self.done:
            if self.inp.recv() is not None:
                BATCH.setdefault("extra", []).append(1)
            return
        self.done = True
        calls = BATCH["calls"]
        calls.append(("n=0",) + self._batch(0, 60000))
        # The source is parked on the gate: only 3 can come, so this returns on its timeout.
        calls.append(("partial",) + self._batch(10, 50))
        BATCH["waker"].wake("open")
        # 2 more come, then end-of-stream before 10 are collected.
        calls.append(("eos",) + self._batch(10, 60000))
        calls.append(("after",) + self._batch(10, 60000))

    def _batch(self, n, timeout):
        envs, closed = self.inp.batch_recv(n, timeout)
        return [e.msg for e in envs], closed


def test_batch_recv_zero_partial_on_timeout_and_closed_at_end_of_stream():
    fut, waker = rill.create_future()
    BATCH.clear()
    BATCH.update(gate=fut, waker=waker, calls=[])
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "PortGatedSource"}, {name = "c", ty = "PortBatchConsumer"}]
connections = [{cap = 8, ports = ["src:out", "c:inp"]}]
""")
    assert BATCH["calls"] == [
        ("n=0", [], False),
        ("partial", [0, 1, 2], False),
        ("eos", [3, 4], True),
        ("after", [], True),
    ]
    assert BATCH["gate_value"] == "open"
    assert "extra" not in BATCH


@register(inputs=["inp"], outputs=[])
class PortBatchExact:
    def __init__(self, name, args):
        pass

    def exec(self):
        envs, closed = self.inp.batch_recv(5, 60000)
        log("exact").append(([e.msg for e in envs], closed))
        if closed:
            return


def test_batch_recv_returns_exactly_n_when_n_are_available():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "PortSource", values = [0, 1, 2, 3, 4, 5, 6]},
         {name = "c", ty = "PortBatchExact"}]
connections = [{cap = 16, ports = ["src:out", "c:inp"]}]
""")
    assert log("exact") == [([0, 1, 2, 3, 4], False), ([5, 6], True)]


# ---- backpressure ----------------------------------------------------------------------------

@register(inputs=[], outputs=["out"])
class PortCountingSource:
    def __init__(self, name, args):
        pass

    def exec(self):
        for i in range(10):
            self.out.send(Envelope.pack(i))
            LOG["sent_count"] = i + 1


@register(inputs=["inp"], outputs=[])
class PortSlowSink:
    def __init__(self, name, args):
        self.first = True

    def exec(self):
        if self.first:
            self.first = False
            rill.sleep(200)  # the source runs meanwhile, until the channel is full
            LOG["sent_before_first_recv"] = LOG.get("sent_count", 0)
        env = self.inp.recv()
        if env is not None:
            log("slow_got").append(env.msg)


def test_send_waits_while_the_channel_is_full():
    LOG.clear()
    run_config("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "PortCountingSource"}, {name = "k", ty = "PortSlowSink"}]
connections = [{cap = 2, ports = ["src:out", "k:inp"]}]
""")
    # cap 2: two sends complete, the third waits for the sink's first recv
    assert LOG["sent_before_first_recv"] <= 2
    assert log("slow_got") == list(range(10))
