"""rill.vision: the C++ face detector, tracker and drawing called from Python on numpy frames.
One implementation with the FaceDetect, Track and Visualize nodes: the same boxes as a TOML
graph's FaceDetect on the same frames, the same message keys, and clear errors for bad input."""

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
import skimage.io

import rill
from rill import register, vision

from conftest import HERE, run_config

REPO = HERE.parent.parent
MODEL = REPO / "third_party/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx"
PHOTOS = Path("/usr/lib/python3/dist-packages/skimage/data")
# The astronaut's face in astronaut.png, x0, y0, x1, y1, as checked by eye for the C++ tests
# (tests/vision/vision_test_data.hpp).
ASTRONAUT_FACE = (181, 80, 268, 172)


def photo(name):
    """A python3-skimage photo as an H x W x 3 uint8 BGR array (packed)."""
    return np.ascontiguousarray(skimage.io.imread(PHOTOS / name)[:, :, ::-1])


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def assert_same_items(got, want, what):
    assert len(got) == len(want), what
    for g, w in zip(got, want):
        assert g["label"] == w["label"], what
        assert g["score"] == pytest.approx(w["score"], abs=1e-3), what
        assert g["bbox"] == pytest.approx(w["bbox"], abs=1e-3), what
        assert len(g["keypoints"]) == len(w["keypoints"]), what
        for gp, wp in zip(g["keypoints"], w["keypoints"]):
            assert gp == pytest.approx(wp, abs=1e-3), what


@pytest.fixture(scope="module")
def blazeface():
    if not MODEL.exists():
        pytest.skip("%s is absent: third_party/blazeface is fetched by `make deps`" % MODEL)
    return vision.FaceDetector(model=MODEL)


# --- detection -------------------------------------------------------------------------------

def test_blazeface_finds_the_astronauts_face_as_facedetect_items(blazeface):
    assert blazeface.detector == "blazeface"
    assert blazeface.model == str(MODEL)
    items = blazeface.detect(photo("astronaut.png"))
    assert len(items) == 1
    face = items[0]
    assert set(face) == {"bbox", "score", "label", "keypoints"}
    assert iou(face["bbox"], ASTRONAUT_FACE) >= 0.5, face["bbox"]
    assert face["score"] > 0.5
    assert face["label"] == 0
    assert len(face["keypoints"]) == 6 and all(len(p) == 2 for p in face["keypoints"])


def test_blazeface_finds_nothing_in_the_coffee_cup(blazeface):
    assert blazeface.detect(photo("coffee.png")) == []


def test_haar_finds_the_astronauts_face_without_any_model():
    detector = vision.FaceDetector(detector="haar")
    assert detector.detector == "haar" and detector.model is None
    items = detector.detect(photo("astronaut.png"))
    assert len(items) == 1
    assert iou(items[0]["bbox"], ASTRONAUT_FACE) >= 0.5
    assert items[0]["keypoints"] == []
    assert detector.detect(photo("coffee.png")) == []


def test_auto_falls_back_to_haar_with_a_warning_naming_the_missing_model(tmp_path):
    missing = tmp_path / "no_model.onnx"
    with pytest.warns(UserWarning, match="no BlazeFace model at %s" % missing):
        detector = vision.FaceDetector(model=missing)
    assert detector.detector == "haar"


def test_a_batch_gives_what_single_frames_give(blazeface):
    astronaut = photo("astronaut.png")
    frames = [astronaut, photo("coffee.png"), np.ascontiguousarray(astronaut[:, ::-1]),
              photo("chelsea.png")]
    batch = blazeface.detect_batch(frames)
    assert len(batch) == len(frames)
    for i, frame in enumerate(frames):
        assert_same_items(batch[i], blazeface.detect(frame), "frame %d" % i)
    assert blazeface.detect_batch([]) == []


def test_unpacked_and_padded_views_give_what_the_packed_frame_gives(blazeface):
    rgb = skimage.io.imread(PHOTOS / "astronaut.png")
    packed = np.ascontiguousarray(rgb[:, :, ::-1])
    want = blazeface.detect(packed)
    # A channel-reversed view (read through a packed copy) and rows padded to 2048 bytes.
    padded = np.zeros((512, 2048), np.uint8)
    padded_view = padded[:, :512 * 3].reshape(512, 512, 3)
    padded_view[...] = packed
    read_only = packed.copy()
    read_only.flags.writeable = False
    for name, frame in [("reversed view", rgb[:, :, ::-1]), ("padded rows", padded_view),
                        ("read-only", read_only), ("message dict", {"data": packed})]:
        assert_same_items(blazeface.detect(frame), want, name)


def test_detection_from_several_threads_at_once_agrees(blazeface):
    frames = [photo("astronaut.png"), photo("chelsea.png")]
    want = [blazeface.detect(f) for f in frames]
    results, errors = {}, []

    def work(i):
        try:
            results[i] = [blazeface.detect(f) for f in frames for _ in range(3)]
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and len(results) == 3
    for got in results.values():
        for k, items in enumerate(got):
            assert_same_items(items, want[k // 3], "thread result %d" % k)


# --- the same boxes as the TOML graph's FaceDetect node --------------------------------------

VISION_SEEN = []
VISION_DETECTOR = {}


@register(inputs=["inp"], outputs=["out"])
class VisionProbe:
    """Records what FaceDetect found and what rill.vision finds on the very same frame, from
    inside a Python node (a greenlet on the Python executor thread)."""

    def __init__(self, name, args):
        self.detector = VISION_DETECTOR["detector"]

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        msg = env.msg
        VISION_SEEN.append({"name": msg.get("extra_data", env.partial_id), "frame": msg["data"],
                            "node_items": msg["items"],
                            "python_items": self.detector.detect(msg["data"])})
        self.out.send(env)


IMAGE_GRAPH = """
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "ImageInput", urls = ["%(dir)s"], progress = false },
  { name = "detect", ty = "FaceDetect", model = "%(model)s", batch_size = 4 },
  { name = "probe", ty = "VisionProbe" },
]
connections = [
  { cap = 4, ports = ["src:out", "detect:inp"] },
  { cap = 4, ports = ["detect:out", "probe:inp"] },
]
"""

# Decoded video: frames in YUV until a node asks for BGR (FaceDetect and Python both get the
# frame's one BGR conversion).
VIDEO_GRAPH = """
main = "main"
[[graphs]]
name = "stream"
inputs = [{ name = "inp", cap = 4, ports = ["detect:inp"] }]
outputs = [{ name = "out", cap = 4, ports = ["probe:out"] }]
nodes = [
  { name = "detect", ty = "FaceDetect", model = "%(model)s", batch_size = 4 },
  { name = "probe", ty = "VisionProbe" },
]
connections = [{ cap = 4, ports = ["detect:out", "probe:inp"] }]

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "VideoInput", urls = ["%(video)s"], repeat = 1, progress = false },
  { name = "per_stream", ty = "stream" },
]
connections = [
  { cap = 4, ports = ["src:out", "per_stream:inp"] },
  { cap = 4, ports = ["src:inp", "per_stream:out"] },
]
"""


def write_photos(folder):
    astronaut = skimage.io.imread(PHOTOS / "astronaut.png")
    images = {"a_astronaut": astronaut,
              "b_coffee": skimage.io.imread(PHOTOS / "coffee.png"),
              "c_chelsea": skimage.io.imread(PHOTOS / "chelsea.png"),
              "d_face_crop": np.ascontiguousarray(astronaut[40:300, 120:380]),
              "e_mirrored": np.ascontiguousarray(astronaut[:, ::-1])}
    for name, rgb in images.items():
        skimage.io.imsave(folder / (name + ".png"), rgb, check_contrast=False)
    return sorted(images)


def write_video(path):
    """The astronaut panning right, 6 frames of H.264 (yuv420p)."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-loop", "1",
         "-i", str(PHOTOS / "astronaut.png"), "-vf", "crop=448:448:8*n:16",
         "-frames:v", "6", "-r", "25", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)],
        check=True, timeout=60)


def test_the_python_detector_gives_the_boxes_of_the_toml_graphs_facedetect_on_photos(
        tmp_path, blazeface):
    names = write_photos(tmp_path)
    VISION_SEEN.clear()
    VISION_DETECTOR["detector"] = blazeface
    run_config(IMAGE_GRAPH % {"dir": tmp_path, "model": MODEL})
    assert [s["name"] for s in VISION_SEEN] == names
    found = {s["name"]: len(s["node_items"]) for s in VISION_SEEN}
    assert found["a_astronaut"] == 1 and found["b_coffee"] == 0 and found["d_face_crop"] == 1, found
    assert_python_agrees_with_the_node(blazeface)


def test_the_python_detector_gives_the_boxes_of_the_toml_graphs_facedetect_on_video(
        tmp_path, blazeface):
    video = tmp_path / "pan.mp4"
    write_video(video)
    VISION_SEEN.clear()
    VISION_DETECTOR["detector"] = blazeface
    run_config(VIDEO_GRAPH % {"video": video, "model": MODEL})
    assert len(VISION_SEEN) == 6
    assert [len(s["node_items"]) for s in VISION_SEEN] == [1] * 6, "the astronaut in each frame"
    assert_python_agrees_with_the_node(blazeface)


def assert_python_agrees_with_the_node(blazeface):
    # The FaceDetect node's batches, the detector inside the Python node, and the same detector
    # on the same frames from the test's own thread, in one batch.
    batch = blazeface.detect_batch([s["frame"] for s in VISION_SEEN])
    for s, from_batch in zip(VISION_SEEN, batch):
        assert_same_items(s["python_items"], s["node_items"], "%s in the node" % s["name"])
        assert_same_items(from_batch, s["node_items"], "%s in a batch" % s["name"])


# --- tracking -------------------------------------------------------------------------------

def item(x0, y0, x1, y1, score=0.9):
    return {"bbox": [x0, y0, x1, y1], "score": score, "label": 0, "keypoints": []}


def test_tracker_gives_ids_births_and_deaths_like_the_track_node():
    tracker = vision.Tracker(max_missed=1)
    assert (tracker.max_missed, tracker.min_hits) == (1, 1)
    assert tracker.min_iou == pytest.approx(0.3)
    first = tracker.update([item(10, 10, 50, 50)])
    assert set(first) == {"tracks", "born", "died"}
    assert first["born"] == [1] and first["died"] == []
    assert [(t["tid"], t["bbox"]) for t in first["tracks"]] == [(1, [10, 10, 50, 50])]
    second = tracker.update([item(12, 11, 52, 51), item(200, 100, 260, 160)])
    assert second["born"] == [2]
    assert [t["tid"] for t in second["tracks"]] == [1, 2]
    assert second["tracks"][0]["bbox"] == [12, 11, 52, 51]
    assert tracker.update([item(201, 100, 261, 160)])["died"] == []  # 1 missed once: allowed
    third = tracker.update({"items": [item(202, 101, 262, 161)]})  # a message dict works too
    assert third["died"] == [1] and [t["tid"] for t in third["tracks"]] == [2]
    assert [t["tid"] for t in tracker.tracks] == [2]
    tracker.update([])
    assert tracker.update([])["died"] == [2]
    assert tracker.update([item(10, 10, 50, 50)])["born"] == [3], "ids are never reused"


def test_tracker_keeps_the_detected_astronauts_id_while_she_moves(blazeface):
    astronaut = photo("astronaut.png")
    tracker = vision.Tracker()
    ids = []
    for step in range(6):
        canvas = np.zeros((544, 576, 3), np.uint8)
        canvas[6 * step:6 * step + 512, 12 * step:12 * step + 512] = astronaut
        update = tracker.update(blazeface.detect(canvas))
        ids.append([t["tid"] for t in update["tracks"]])
    assert ids == [[1]] * 6


def test_tracker_rejects_bad_options_and_bad_items():
    with pytest.raises(ValueError, match="min_hits"):
        vision.Tracker(min_hits=0)
    tracker = vision.Tracker()
    with pytest.raises(ValueError,
                       match=r"Tracker.update\(\): an item has no `bbox` of 4 numbers"):
        tracker.update([{"bbox": [1, 2]}])
    with pytest.raises(ValueError, match="an item is not a map"):
        tracker.update([[1, 2, 3, 4]])
    with pytest.raises(ValueError, match="no `items` list"):
        tracker.update({"data": 1})
    with pytest.raises(TypeError, match=r"Tracker.update\(\): expected the items"):
        tracker.update(5)
    assert tracker.update([])["tracks"] == [], "still usable after the errors"


# --- drawing --------------------------------------------------------------------------------

def lit(frame):
    return int(np.count_nonzero(frame.any(axis=2)))


def test_draw_draws_tracks_and_items_in_place_like_visualize():
    frame = np.zeros((120, 200, 3), np.uint8)
    vision.draw(frame, [{"tid": 7, "bbox": [40, 30, 120, 90], "score": 0.9}])
    assert lit(frame[28:92, 38:42]) > 50, "the track's left edge"
    assert lit(frame[50:80, 60:100]) == 0, "the inside stays untouched"
    assert lit(frame[100:, 150:]) == 0

    frame = np.zeros((120, 200, 3), np.uint8)
    vision.draw(frame, [item(10, 20, 60, 80)], thickness=1)
    assert lit(frame[18:82, 8:12]) > 50

    # A whole message, as Visualize takes it: its tracks (Tracker.update's result) win.
    frame = np.zeros((120, 200, 3), np.uint8)
    msg = {"data": frame, "items": [item(10, 20, 60, 80)],
           "tracks": vision.Tracker().update([item(100, 20, 160, 80)])["tracks"]}
    vision.draw(msg)
    assert lit(frame[18:82, 98:102]) > 50 and lit(frame[30:70, 8:12]) == 0

    frame = np.zeros((120, 200, 3), np.uint8)
    vision.draw(frame, [])
    assert lit(frame) == 0


def test_draw_marks_the_keypoints_of_items():
    with_points = np.zeros((120, 200, 3), np.uint8)
    without = np.zeros((120, 200, 3), np.uint8)
    face = dict(item(10, 10, 110, 110), keypoints=[[60, 60]])
    vision.draw(with_points, [face])
    vision.draw(without, [face], keypoints=False)
    assert lit(with_points[55:66, 55:66]) > 0 and lit(without[55:66, 55:66]) == 0


def test_draw_refuses_frames_it_cannot_draw_on_in_place():
    tracks = [{"tid": 1, "bbox": [1, 1, 5, 5]}]
    read_only = np.zeros((10, 10, 3), np.uint8)
    read_only.flags.writeable = False
    with pytest.raises(ValueError, match=r"draw\(\): the frame is read-only"):
        vision.draw(read_only, tracks)
    with pytest.raises(ValueError, match="not packed BGR"):
        vision.draw(np.zeros((10, 10, 3), np.uint8)[:, :, ::-1], tracks)
    with pytest.raises(ValueError, match=r"thickness = 0 is outside \[1, 64\]"):
        vision.draw(np.zeros((10, 10, 3), np.uint8), tracks, thickness=0)
    with pytest.raises(ValueError, match="a track has no `bbox` of 4 numbers"):
        vision.draw(np.zeros((10, 10, 3), np.uint8), [{"tid": 1, "bbox": "x"}])
    with pytest.raises(TypeError, match="nothing to draw"):
        vision.draw(np.zeros((10, 10, 3), np.uint8))
    with pytest.raises(TypeError, match="expected items or tracks"):
        vision.draw(np.zeros((10, 10, 3), np.uint8), 3)


# --- bad input ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def haar():
    return vision.FaceDetector(detector="haar")


@pytest.mark.parametrize("frame, error, message", [
    (np.zeros((8, 8, 3), np.float32), TypeError, r"dtype is float32, expected uint8"),
    (np.zeros((8, 8, 3), np.int64), TypeError, r"dtype is int64, expected uint8"),
    (np.zeros((8, 8), np.uint8), ValueError, r"shape is \(8, 8\), expected \(H, W, 3\)"),
    (np.zeros((8, 8, 4), np.uint8), ValueError, r"shape is \(8, 8, 4\), expected \(H, W, 3\)"),
    (np.zeros((2, 8, 8, 3), np.uint8), ValueError, r"shape is \(2, 8, 8, 3\)"),
    (np.zeros((0, 8, 3), np.uint8), ValueError, r"the frame is empty"),
    (np.zeros(3, np.uint8), ValueError, r"shape is \(3,\)"),
    ([[0, 0, 0]], TypeError,
     r"expected a frame, an H x W x 3 uint8 numpy array \(BGR\), not list"),
    (None, TypeError, r"not NoneType"),
    ({"items": []}, TypeError, r"message dict has no frame under \"data\""),
])
def test_bad_frames_raise_clear_errors(haar, frame, error, message):
    with pytest.raises(error, match=r"FaceDetector.detect\(\): .*" + message):
        haar.detect(frame)


def test_a_bad_frame_in_a_batch_is_named_by_its_index(haar):
    good = np.zeros((16, 16, 3), np.uint8)
    with pytest.raises(ValueError, match=r"detect_batch\(\): frames\[1\]: the frame's shape"):
        haar.detect_batch([good, np.zeros((16, 16), np.uint8)])
    with pytest.raises(TypeError, match=r"detect_batch\(\): expected a list of frames, not"):
        haar.detect_batch(good)
    assert haar.detect_batch((good, good)) == [[], []]


def test_bad_detector_arguments_raise_clear_errors(tmp_path):
    with pytest.raises(ValueError,
                       match=r"unknown detector 'yolo' \(expected auto, blazeface or haar\)"):
        vision.FaceDetector(detector="yolo")
    with pytest.raises(ValueError, match=r"score_threshold = 1.5 is outside \[0, 1\]"):
        vision.FaceDetector(detector="haar", score_threshold=1.5)
    missing = tmp_path / "missing.onnx"
    with pytest.raises(vision.ModelError, match=str(missing)):
        vision.FaceDetector(detector="blazeface", model=missing)
    assert issubclass(vision.ModelError, RuntimeError)
    not_a_model = tmp_path / "junk.onnx"
    not_a_model.write_bytes(b"\x00junk" * 100)
    with pytest.raises(vision.ModelError, match=str(not_a_model)):
        vision.FaceDetector(detector="blazeface", model=not_a_model)
    with pytest.raises(TypeError, match="model must be a str or an os.PathLike"):
        vision.FaceDetector(model=3)


def test_rill_vision_is_an_importable_submodule():
    import importlib
    assert importlib.import_module("rill.vision") is vision is rill.vision
    from rill.vision import FaceDetector, Tracker, draw  # noqa: F401
