"""MegFlow's basis examples as acceptance tests, each a plugin app under
tests/python/plugins/<name>/ (its TOML named after the directory, as MegFlow apps are laid out),
and rill's own Python examples under examples/, run as their READMEs run them."""

import json
import subprocess
import threading
from pathlib import Path

import rill

from conftest import HERE, RUN_TIMEOUT, clear_plugin_state, plugin_module, run_plugin


def test_batch_23_items_in_batches_of_5_make_groups_0_to_4():
    clear_plugin_state("batch_example", "nodes", "RECORDED")
    run_plugin("batch_example")
    recorded = plugin_module("batch_example", "nodes").RECORDED
    assert [m["i"] for m in recorded] == list(range(23))
    assert [m["group"] for m in recorded] == [i // 5 for i in range(23)]
    assert [m["size"] for m in recorded] == [5] * 20 + [3] * 3


def test_demux_routes_even_and_odd_by_to_addr():
    clear_plugin_state("demux_example", "nodes", "PRINTED")
    run_plugin("demux_example")
    printed = plugin_module("demux_example", "nodes").PRINTED
    assert printed["even"] == [(i, 0) for i in range(0, 10, 2)]
    assert printed["odd"] == [(i, 1) for i in range(1, 10, 2)]


def test_map_reduce_bcast_to_two_multiplies_then_summation_gives_3x():
    clear_plugin_state("map_reduce_example", "ops", "COLLECTED", "SUMMED")
    run_plugin("map_reduce_example")
    ops = plugin_module("map_reduce_example", "ops")
    assert ops.COLLECTED == [3 * x for x in range(20)]
    assert ops.SUMMED == [[x, 2 * x] for x in range(20)]


def test_nest_five_levels_with_case_sensitive_noop_graph_and_noop_type():
    clear_plugin_state("nest_example", "nodes", "RESULTS")
    run_plugin("nest_example")
    nodes = plugin_module("nest_example", "nodes")
    mod_threads = nodes.THREADS
    expected_path = ["n5",
                     "inner_a", "inner_b", "n1",  # level1: graph noop, then Python Noop
                     "inner_a", "inner_b",        # level2: graph noop
                     "ex", "n3",                  # level3: exclusive node, Python Noop
                     "inner_a", "inner_b"]        # level4: graph noop
    assert [m["i"] for m in nodes.RESULTS] == list(range(12))
    for m in nodes.RESULTS:
        assert m["path"] == expected_path
    # the exclusive node ran on a thread of its own
    assert mod_threads["ExclusiveMark"] and mod_threads["Noop"]
    assert not (mod_threads["ExclusiveMark"] & mod_threads["Noop"])
    assert threading.get_ident() not in mod_threads["Noop"] | mod_threads["ExclusiveMark"]


def test_python_detector_example_finds_the_astronaut_and_no_coffee_cup_face():
    """examples/python_detector as its README runs it: the rill CLI from the repository root,
    rill.vision's detector in a Python node. BlazeFace when `make deps` fetched it, else the
    Haar cascade: either finds the astronaut and nothing in the coffee cup."""
    repo = HERE.parent.parent
    cli = Path(rill.__file__).resolve().parent.parent / "bin" / "rill"
    run = subprocess.run(
        [str(cli), "run", "-c", "examples/python_detector/python_detector.toml",
         "-p", "examples/python_detector"],
        cwd=repo, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
    assert run.returncode == 0, run.stderr
    lines = {r["image"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert list(lines) == ["astronaut", "coffee", "chelsea"], run.stdout
    model = repo / "third_party/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx"
    assert lines["astronaut"]["detector"] == ("blazeface" if model.exists() else "haar")
    faces = lines["astronaut"]["faces"]
    assert len(faces) == 1, run.stdout
    x0, y0, x1, y1 = faces[0]["bbox"]
    face = (181, 80, 268, 172)  # checked by eye (tests/vision/vision_test_data.hpp)
    inter = (max(0, min(x1, face[2]) - max(x0, face[0])) *
             max(0, min(y1, face[3]) - max(y0, face[1])))
    union = (x1 - x0) * (y1 - y0) + (face[2] - face[0]) * (face[3] - face[1]) - inter
    assert inter / union >= 0.5, faces
    assert lines["coffee"]["faces"] == []


def _iou(a, b):
    inter = (max(0.0, min(a[2], b[2]) - max(a[0], b[0])) *
             max(0.0, min(a[3], b[3]) - max(a[1], b[1])))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def test_face_tracking_example_keeps_one_id_per_face_except_at_the_crossing(tmp_path):
    """examples/face_tracking (the `make demo` job) as its README runs it, over one stream of the
    sample video instead of four: every frame gets a results line, each face keeps one track id
    before the crossing and one after it, and the annotated video, the best shots and the
    summary table are written."""
    repo = HERE.parent.parent
    build = Path(rill.__file__).resolve().parent.parent
    sample = build / "samples" / "faces_720p.mp4"
    assert sample.exists(), "the build makes the sample video (target rill_sample_video)"
    config = (repo / "examples/face_tracking/face_tracking.toml").read_text()
    assert "repeat = 4" in config and "build/samples/faces_720p.mp4" in config
    config = (config.replace("repeat = 4", "repeat = 1")
              .replace("build/samples/faces_720p.mp4", str(sample))
              .replace("out/face_tracking", str(tmp_path / "out")))
    (tmp_path / "face_tracking.toml").write_text(config)
    cli = build / "bin" / "rill"
    run = subprocess.run([str(cli), "run", "-c", str(tmp_path / "face_tracking.toml")],
                         cwd=repo, capture_output=True, text=True, timeout=RUN_TIMEOUT * 2,
                         check=False)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out"

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["frame"] for r in rows] == list(range(500))
    assert {r["stream"] for r in rows} == {1}
    truth = [json.loads(line)["faces"] for line in
             Path(str(sample) + ".truth.jsonl").read_text().splitlines()]
    # Which track id covered which face, frame by frame (a track is a face when they overlap).
    ids = {0: [], 1: []}
    for row, faces in zip(rows, truth):
        for t in row["tracks"]:
            for f, box in enumerate(faces):
                if _iou(t["bbox"], box) >= 0.5:
                    ids[f].append((row["frame"], t["tid"]))
    for f in (0, 1):
        before = {tid for frame, tid in ids[f] if frame < 200}
        after = {tid for frame, tid in ids[f] if frame >= 300}
        assert len(before) == 1 and len(after) == 1, (f, before, after)
        seen = sum(1 for frame, _ in ids[f] if frame < 200 or frame >= 300)
        assert seen >= 0.95 * 400, f"face {f} tracked in only {seen} of 400 frames"
    first = {tid for frame, tid in ids[0] if frame < 200} | {tid for frame, tid in ids[1]
                                                           if frame < 200}
    assert len(first) == 2, "the two faces have different ids"
    assert len({t["tid"] for r in rows for t in r["tracks"]}) <= 4

    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v",
         "-show_entries", "stream=codec_name,width,nb_read_frames", "-of", "json",
         str(out / "stream1.mp4")], capture_output=True, text=True, check=True)
    stream = json.loads(probe.stdout)["streams"][0]
    assert (stream["codec_name"], stream["width"], stream["nb_read_frames"]) == ("h264", 1280, "500")
    shots = sorted(p.name for p in (out / "faces").iterdir())
    assert len(shots) >= 2 and all(s.startswith("stream1_track") for s in shots), shots
    table = run.stdout.splitlines()
    assert "face_tracking" in table and any(line.split()[:2] == ["1", "500"] for line in table)


def test_image_folder_example_finds_the_faces_and_skips_what_is_not_an_image(tmp_path):
    """examples/image_folder as its README runs it (output moved to a scratch directory): one
    line per photo of skimage's data folder, in name order, faces where there are faces, and
    every file that is not an image skipped with a warning instead of ending the run."""
    repo = HERE.parent.parent
    build = Path(rill.__file__).resolve().parent.parent
    config = (repo / "examples/image_folder/image_folder.toml").read_text()
    assert "out/image_folder" in config
    (tmp_path / "image_folder.toml").write_text(
        config.replace("out/image_folder", str(tmp_path / "out")))
    run = subprocess.run([str(build / "bin" / "rill"), "run", "-c",
                          str(tmp_path / "image_folder.toml")],
                         cwd=repo, capture_output=True, text=True, timeout=RUN_TIMEOUT,
                         check=False)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in (tmp_path / "out/faces.jsonl").read_text().splitlines()]
    names = [r["extra_data"] for r in rows]
    assert names == sorted(names) and "astronaut" in names and "coffee" in names
    faces = {r["extra_data"]: r["items"] for r in rows}
    assert len(faces["astronaut"]) == 1
    assert _iou(faces["astronaut"][0]["bbox"], (181, 80, 268, 172)) >= 0.5
    assert faces["coffee"] == []
    assert "truncated.jpg: not a decodable image" in run.stderr
    assert "were not images and were skipped" in run.stderr
