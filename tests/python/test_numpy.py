"""Data crossing between Python and C++ nodes (docs/python.md "Data crossing"): numpy arrays pass
through C++ nodes without a copy; plain data round-trips by value; any other object travels as
itself."""

import numpy as np
import pytest

from rill import Envelope, register

from conftest import run_config

NP = {}


def data_ptr(arr):
    return arr.__array_interface__["data"][0]


@register(inputs=[], outputs=["out"])
class NpSource:
    """Sends every item of NP["items"] (kept alive there), in order."""

    def __init__(self, name, args):
        pass

    def exec(self):
        for item in NP["items"]:
            self.out.send(Envelope.pack(item))


@register(inputs=["inp"], outputs=[])
class NpSink:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        NP["got"].append(env.msg)


def via(hops):
    """source -> hops (C++ or Python types) -> sink."""
    names = ["src"] + ["h%d" % i for i in range(len(hops))] + ["sink"]
    nodes = ['{name = "src", ty = "NpSource"}']
    nodes += ['{name = "h%d", ty = "%s"}' % (i, t) for i, t in enumerate(hops)]
    nodes += ['{name = "sink", ty = "NpSink"}']
    conns = ['{cap = 2, ports = ["%s:out", "%s:inp"]}' % (a, b) for a, b in zip(names, names[1:])]
    return """
main = "g"
[[graphs]]
name = "g"
nodes = [%s]
connections = [%s]
""" % (", ".join(nodes), ", ".join(conns))


def send_through(items, hops):
    NP["items"] = items
    NP["got"] = []
    run_config(via(hops))
    got = NP["got"]
    NP["got"] = []
    return got


@register(inputs=["inp"], outputs=["out"])
class NpPyHop:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        self.out.send(env)


@register(inputs=["inp"], outputs=["out"])
class NpTouchHop:
    """Reads the message (so it is converted here) and sends it on."""

    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = env.msg
        self.out.send(env)


# ---- numpy: zero copy ------------------------------------------------------------------------

def full_hd_frame():
    rng = np.random.default_rng(1234)
    return rng.integers(0, 256, size=(1080, 1920, 3), dtype=np.uint8)


def test_a_full_hd_frame_crosses_a_cpp_node_without_a_copy():
    frame = full_hd_frame()
    expected = frame.copy()
    (got,) = send_through([frame], ["Transform"])
    assert isinstance(got, np.ndarray)
    assert got.shape == (1080, 1920, 3)
    assert got.dtype == np.uint8
    assert data_ptr(got) == data_ptr(frame)
    assert np.array_equal(got, expected)


def test_a_frame_crosses_cpp_and_touching_python_nodes_without_a_copy():
    frame = full_hd_frame()
    (got,) = send_through([frame], ["Transform", "NpTouchHop", "Transform", "NpPyHop"])
    assert got.shape == (1080, 1920, 3) and got.dtype == np.uint8
    assert data_ptr(got) == data_ptr(frame)


@pytest.mark.parametrize("make", [
    lambda: np.arange(24, dtype=np.float32).reshape(2, 3, 4),
    lambda: np.arange(10, dtype=np.int64),
    lambda: np.zeros((480, 640), dtype=np.uint8),
    lambda: np.arange(12, dtype=np.uint16).reshape(3, 4),
], ids=["f32-3d", "i64-1d", "gray-u8", "u16-2d"])
def test_other_arrays_cross_a_cpp_node_without_a_copy(make):
    arr = make()
    (got,) = send_through([arr], ["Transform"])
    assert got.dtype == arr.dtype
    assert got.shape == arr.shape
    assert data_ptr(got) == data_ptr(arr)
    assert np.array_equal(got, arr)


def test_an_array_inside_a_dict_crosses_a_cpp_node_without_a_copy():
    frame = full_hd_frame()
    (got,) = send_through([{"data": frame, "extra_data": "cam0"}], ["Transform"])
    assert got["extra_data"] == "cam0"
    assert data_ptr(got["data"]) == data_ptr(frame)


# ---- plain data: by value --------------------------------------------------------------------

PLAIN = [
    0, -7, 2**63 - 1, -(2**63), 2**80, True, False, 0.1, -1e300, float("inf"),
    "", "héllo ✓", b"", b"\x00\xffbin", [], [1, "two", 3.0, None, [True]],
    {}, {"a": 1, "nested": {"b": [1, 2, {"c": None}]}, "s": "x"},
]


@pytest.mark.parametrize("hops", [["Transform"], ["NpPyHop"], ["NpTouchHop", "Transform"]],
                         ids=["cpp", "python", "touch+cpp"])
def test_plain_data_round_trips_with_the_same_value_and_type(hops):
    got = send_through(list(PLAIN), hops)
    assert len(got) == len(PLAIN)
    for sent, received in zip(PLAIN, got):
        assert received == sent, (sent, received)
        assert type(received) is type(sent), (sent, received)


def test_none_message_round_trips_as_none():
    got = send_through([None, 1], ["Transform", "NpTouchHop"])
    assert got == [None, 1]


def test_nan_round_trips():
    (got,) = send_through([float("nan")], ["Transform"])
    assert isinstance(got, float) and got != got


# ---- other objects: the very same object -----------------------------------------------------

class NpCustom:
    def __init__(self, v):
        self.v = v


@pytest.mark.parametrize("hops", [["Transform"], ["NpPyHop"], ["Transform", "NpTouchHop", "Transform"]],
                         ids=["cpp", "python", "mixed"])
def test_tuples_and_custom_objects_arrive_as_the_very_same_object(hops):
    tup = (1, "a", [2])
    obj = NpCustom(5)
    keyed = {1: "int key"}
    got = send_through([tup, obj, keyed], hops)
    assert got[0] is tup
    assert got[1] is obj
    assert got[2] is keyed  # a dict with a non-str key is not plain data


def test_a_custom_object_inside_a_dict_keeps_its_identity():
    obj = NpCustom(1)
    (got,) = send_through([{"obj": obj, "n": 1}], ["Transform"])
    assert got["obj"] is obj
    assert got["n"] == 1
