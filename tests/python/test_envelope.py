"""rill.Envelope (MegFlow's Envelope): packing, info fields, repack, and move-on-send."""

import pytest

import rill
from rill import Envelope, register

from conftest import block_on, wait_graph


def test_pack_without_info_has_every_info_field_absent():
    env = Envelope.pack(42)
    assert env.msg == 42
    for field in ("partial_id", "from_addr", "to_addr", "transfer_addr", "tag", "extra_data"):
        assert getattr(env, field) is None, field


def test_pack_with_info_exposes_every_field():
    marker = object()
    env = Envelope.pack("payload", info={
        "partial_id": 7, "from_addr": 3, "to_addr": 11, "transfer_addr": 5, "tag": "TagA",
        "extra_data": marker,
    })
    assert env.msg == "payload"
    assert env.partial_id == 7
    assert env.from_addr == 3
    assert env.to_addr == 11
    assert env.transfer_addr == 5
    assert env.tag == "TagA"
    assert env.extra_data is marker


def test_pack_none_is_an_empty_envelope_whose_msg_reads_none():
    env = Envelope.pack(None, info={"to_addr": 4})
    assert env.msg is None
    assert env.to_addr == 4


def test_info_u64_fields_accept_the_full_unsigned_range():
    env = Envelope.pack(0, info={"partial_id": 2**64 - 1, "to_addr": 0})
    assert env.partial_id == 2**64 - 1
    assert env.to_addr == 0


def test_pack_rejects_an_unknown_info_key():
    with pytest.raises((KeyError, ValueError, TypeError)):
        Envelope.pack(1, info={"no_such_field": 1})


def test_msg_and_routing_fields_are_settable():
    env = Envelope.pack(1)
    env.msg = [1, 2]
    env.from_addr = 9
    env.to_addr = 10
    env.tag = "t"
    assert (env.msg, env.from_addr, env.to_addr, env.tag) == ([1, 2], 9, 10, "t")
    env.tag = None
    env.to_addr = None
    assert env.tag is None and env.to_addr is None


def test_repack_keeps_the_info_and_replaces_the_message():
    extra = {"k": "v"}
    env = Envelope.pack("old", info={"partial_id": 1, "from_addr": 2, "to_addr": 3, "tag": "x",
                                     "extra_data": extra, "transfer_addr": 4})
    new = env.repack("new")
    assert new.msg == "new"
    assert env.msg == "old"
    assert (new.partial_id, new.from_addr, new.to_addr, new.tag, new.transfer_addr) == (1, 2, 3, "x", 4)
    assert new.extra_data == extra


def test_mutating_a_repacked_envelopes_info_leaves_the_original_alone():
    env = Envelope.pack("a", info={"to_addr": 3, "tag": "orig", "from_addr": 1})
    new = env.repack("b")
    new.to_addr = 99
    new.tag = "changed"
    new.from_addr = None
    assert (env.to_addr, env.tag, env.from_addr) == (3, "orig", 1)
    env.to_addr = 5
    assert new.to_addr == 99


def test_default_constructed_envelope_is_unusable():
    env = Envelope()
    with pytest.raises(ValueError):
        env.msg  # noqa: B018


# ---- move on send ----------------------------------------------------------------------------

PASSTHROUGH = """
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["t:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["t:out"]}]
nodes = [{name = "t", ty = "Transform"}]
"""


def test_host_send_moves_the_envelope_and_later_use_raises_value_error():
    g = rill.Graph(config_str=PASSTHROUGH)
    env = Envelope.pack(1, info={"to_addr": 2})
    g.input("inp").send(env)
    with pytest.raises(ValueError):
        env.msg  # noqa: B018
    with pytest.raises(ValueError):
        env.to_addr  # noqa: B018
    with pytest.raises(ValueError):
        env.repack(2)
    with pytest.raises(ValueError):
        g.input("inp").send(env)  # a second send of the same envelope
    g.close()
    got = []
    block_on(lambda: got.append(g.output("out").recv()), g)
    assert got[0].msg == 1
    wait_graph(g)


SENT_AFTER = []


@register(inputs=["inp"], outputs=["out"])
class EnvUseAfterSend:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        self.out.send(env)
        for what in ("msg", "tag", "to_addr"):
            try:
                getattr(env, what)
                SENT_AFTER.append((what, "no error"))
            except ValueError:
                SENT_AFTER.append((what, "ValueError"))


def test_node_send_moves_the_envelope_and_later_use_raises_value_error():
    SENT_AFTER.clear()
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["u:inp"]}]
nodes = [{name = "u", ty = "EnvUseAfterSend"}, {name = "sink", ty = "NoopConsumer"}]
connections = [{cap = 4, ports = ["u:out", "sink:inp"]}]
""")
    g.input("inp").send(Envelope.pack("x"))
    wait_graph(g)
    assert SENT_AFTER == [("msg", "ValueError"), ("tag", "ValueError"), ("to_addr", "ValueError")]


def test_every_info_field_survives_a_trip_through_a_graph():
    extra = ("opaque", 1)
    g = rill.Graph(config_str=PASSTHROUGH)
    g.input("inp").send(Envelope.pack({"v": 1}, info={
        "partial_id": 12, "from_addr": 34, "to_addr": 56, "tag": "T", "extra_data": extra}))
    g.close()
    out = []

    def drain():
        while (e := g.output("out").recv()) is not None:
            out.append(e)

    block_on(drain, g)
    wait_graph(g)
    assert len(out) == 1
    e = out[0]
    assert e.msg == {"v": 1}
    assert (e.partial_id, e.from_addr, e.to_addr, e.tag) == (12, 34, 56, "T")
    assert e.extra_data is extra
