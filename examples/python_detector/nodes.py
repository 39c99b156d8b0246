"""Faces from a Python node: rill.vision runs the C++ face detector that the FaceDetect node runs,
on the numpy frames ImageInput sends, and gives the same `items` FaceDetect would add."""

import json

from rill import register, vision


@register(inputs=["inp"], outputs=["out"], exclusive=True, args={
    "detector": {"choices": ["auto", "blazeface", "haar"], "default": "auto",
                 "doc": "auto: BlazeFace when third_party/blazeface is there, else Haar"},
    "score_threshold": {"kind": "float", "default": 0.5, "range": [0, 1],
                        "doc": "minimum face score"},
    "batch_size": {"kind": "int", "default": 4, "range": [1, 64],
                   "doc": "frames per model forward"},
})
class DetectFaces:
    """Detects the faces of up to batch_size frames in one model forward. Exclusive: the forward
    blocks this node's own thread, with the GIL released, so the other Python nodes go on."""

    def __init__(self, name, args):
        # The model path is FaceDetect's default, third_party/blazeface/..., relative to the
        # working directory (the repository root, as the README runs it).
        self.faces = vision.FaceDetector(detector=args["detector"],
                                         score_threshold=args["score_threshold"])

    def exec(self):
        envs, _closed = self.inp.batch_recv(self.batch_size, 10)
        if not envs:
            return
        found = self.faces.detect_batch([env.msg["data"] for env in envs])  # BGR ndarrays
        for env, items in zip(envs, found):
            env.msg = {"image": env.msg["extra_data"], "detector": self.faces.detector,
                       "faces": items}
            self.out.send(env)


@register(inputs=["inp"])
class PrintJson:
    """One JSON line per image: its faces' boxes (pixels, x0 y0 x1 y1) and scores."""

    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        m = env.msg
        faces = [{"bbox": [round(v, 1) for v in f["bbox"]], "score": round(f["score"], 3)}
                 for f in m["faces"]]
        print(json.dumps({"image": m["image"], "detector": m["detector"], "faces": faces}),
              flush=True)
