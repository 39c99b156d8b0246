"""Media sources feeding Python nodes: MegFlow's message shape, a BGR uint8 ndarray in
msg["data"] (converted from the decoder's YUV once, when Python asks)."""

import subprocess

import numpy as np

from rill import register

from conftest import run_config

SEEN = {}


@register(inputs=["inp"], outputs=["out"])
class MediaProbe:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        data = env.msg["data"]
        SEEN.setdefault(env.from_addr, []).append(
            (env.partial_id, data.shape, data.dtype, data.flags["C_CONTIGUOUS"], data[8, 8].copy())
        )
        self.out.send(env)


def make_color_video(path, color, frames):
    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "color=c=%s:size=64x48:rate=25" % color, "-frames:v", str(frames),
         "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", str(path)],
        check=True, timeout=60)


def test_video_input_hands_python_bgr_frames_in_megflow_shape(tmp_path):
    red = tmp_path / "red.mp4"
    make_color_video(red, "red", 6)
    SEEN.clear()
    run_config("""
main = "main"
[[graphs]]
name = "stream"
inputs = [{ name = "inp", cap = 4, ports = ["probe:inp"] }]
outputs = [{ name = "out", cap = 4, ports = ["probe:out"] }]
nodes = [{ name = "probe", ty = "MediaProbe" }]

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "VideoInput", urls = ["%s"], repeat = 1 },
  { name = "per_stream", ty = "stream" },
]
connections = [
  { cap = 4, ports = ["src:out", "per_stream:inp"] },
  { cap = 4, ports = ["src:inp", "per_stream:out"] },
]
""" % red)
    assert list(SEEN) == [1]  # MegFlow numbers video streams from 1
    frames = SEEN[1]
    assert [f[0] for f in frames] == list(range(6))
    for _, shape, dtype, contiguous, pixel in frames:
        assert shape == (48, 64, 3)
        assert dtype == np.uint8
        assert contiguous
        b, g, r = (int(v) for v in pixel)
        assert b < 8 and g < 8 and r > 247, pixel  # red, in BGR order
