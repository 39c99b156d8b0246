"""Motion per camera: a MegFlow-style Python plugin package, run by rill unchanged.

SyntheticCameras stands in for real cameras (a bright square moving over a dark frame, at a
different speed per camera); every camera gets its own instance of the `per_camera` subgraph,
where Motion scores how much each frame changed and Report prints it.
"""

import numpy as np

from megflow import Envelope, register


@register(outputs=["out"])
class SyntheticCameras:
    """`cameras` streams of `frames` grey frames each, interleaved; then one empty envelope per
    camera, which closes that camera's subgraph instance."""

    def __init__(self, name, args):
        self.cameras = args.get("cameras", 3)
        self.frames = args.get("frames", 10)
        self.size = args.get("size", 64)

    def exec(self):
        for i in range(self.frames):
            for cam in range(self.cameras):
                frame = np.zeros((self.size, self.size), np.uint8)
                x = (i * 2 * (cam + 1)) % (self.size - 8)
                frame[8:16, x:x + 8] = 255
                self.out.send(Envelope.pack(frame, info={"to_addr": cam, "partial_id": i}))
        for cam in range(self.cameras):
            self.out.send(Envelope.pack(None, info={"to_addr": cam}))


@register(inputs=["inp"], outputs=["out"])
class Motion:
    """Mean absolute difference to the previous frame of the same camera (its own instance)."""

    def __init__(self, name, args):
        self.previous = None

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        frame = env.msg.astype(np.int16)  # a numpy view of rill's Frame: no copy on the way in
        score = 0.0 if self.previous is None else float(np.abs(frame - self.previous).mean())
        self.previous = frame
        env.msg = {"camera": env.to_addr, "frame": env.partial_id, "motion": round(score, 2)}
        self.out.send(env)


@register(inputs=["inp"])
class Report:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        m = env.msg
        print("camera %d frame %2d motion %5.2f" % (m["camera"], m["frame"], m["motion"]),
              flush=True)
