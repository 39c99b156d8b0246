#!/usr/bin/python3
"""Makes the sample video the demo, tests and benchmarks run on: two faces from Debian's
python3-skimage photos (the astronaut and the cameraman) panning across a 1280x720 scene in
opposite directions, each zooming in and out, crossing once in the middle.

    scripts/make_sample_video.py OUT.mp4 [--seconds 20] [--fps 25] [--size 1280x720]

Only numpy and the ffmpeg program are needed: ffmpeg decodes the photos and encodes the frames
(H.264, yuv420p). The output is deterministic for given arguments. Where each face is, frame by
frame, is written beside the video as OUT.truth.jsonl, so tests can check detections against it.
"""

import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

# Each face: the photo, the crop around the head (y0, y1, x0, x1) and the face's box inside the
# crop (x0, y0, x1, y1), checked by eye on the photo; the oval mask keeps the head, drops the rest.
FACES = [
    {"photo": "astronaut.png", "crop": (40, 230, 135, 315), "face": (43, 39, 137, 133)},
    {"photo": "camera.png", "crop": (70, 250, 130, 310), "face": (50, 50, 132, 133)},
]


def read_photo(name):
    path = os.path.join(SKIMAGE_DATA, name)
    if not os.path.exists(path):
        sys.exit(f"{path}: missing (install the Debian package python3-skimage: make deps)")
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
         "stream=width,height", "-of", "csv=p=0", path],
        capture_output=True, text=True, check=True)
    w, h = (int(v) for v in probe.stdout.strip().split(","))
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(h, w, 3).astype(np.float32)


def resize(img, scale):
    """Bilinear resize of an H x W x C float image by `scale`."""
    h, w = img.shape[:2]
    oh, ow = max(1, round(h * scale)), max(1, round(w * scale))
    ys = np.clip((np.arange(oh) + 0.5) / scale - 0.5, 0, h - 1)
    xs = np.clip((np.arange(ow) + 0.5) / scale - 0.5, 0, w - 1)
    y0, x0 = ys.astype(int), xs.astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    fy, fx = (ys - y0)[:, None, None], (xs - x0)[None, :, None]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def oval_mask(h, w):
    """1 inside an ellipse filling the crop, fading to 0 over its outer tenth."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.sqrt(((yy + 0.5 - h / 2) / (h / 2)) ** 2 + ((xx + 0.5 - w / 2) / (w / 2)) ** 2)
    return np.clip((1.0 - r) / 0.1, 0, 1)[:, :, None]


def background(width, height):
    """A soft vertical gradient with the brick texture at low contrast: not flat (an encoder
    finds flat too easy), and nothing in it looks like a face."""
    brick = read_photo("brick.png")[:, :, :1]
    pad = ((0, max(0, height - brick.shape[0])), (0, max(0, width - brick.shape[1])), (0, 0))
    texture = np.pad(brick, pad, mode="reflect")[:height, :width]  # mirrored: no seams
    grad = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    top, bottom = np.array([70, 90, 120], np.float32), np.array([150, 130, 110], np.float32)
    base = top * (1 - grad) + bottom * grad
    return np.clip(base + (texture - texture.mean()) * 0.25, 0, 255)


def paste(frame, sprite, mask, cx, cy):
    """Alpha-blends `sprite` centred at (cx, cy), clipped to the frame."""
    h, w = sprite.shape[:2]
    x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
    fx0, fy0 = max(x0, 0), max(y0, 0)
    fx1, fy1 = min(x0 + w, frame.shape[1]), min(y0 + h, frame.shape[0])
    if fx1 <= fx0 or fy1 <= fy0:
        return
    s = sprite[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]
    m = mask[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]
    region = frame[fy0:fy1, fx0:fx1].astype(np.float32)
    frame[fy0:fy1, fx0:fx1] = (region * (1 - m) + s * m).astype(np.uint8)


def motion(i, t, width, height):
    """Centre and zoom of face i at t in [0, 1]: face 0 goes left to right along the upper
    half, face 1 right to left along the lower half, so they cross once, at t = 0.5, overlapping
    only partly; each zooms in and out (a face fills a good part of the model's view)."""
    margin = 0.2 * width
    if i == 0:
        cx = margin + (width - 2 * margin) * t
        cy = 0.36 * height + 0.04 * height * math.sin(4 * math.pi * t)
        zoom = 2.9 - 0.6 * math.sin(math.pi * t)
    else:
        cx = width - margin - (width - 2 * margin) * t
        cy = 0.64 * height - 0.04 * height * math.sin(3 * math.pi * t)
        zoom = 2.8 + 0.4 * math.sin(math.pi * t)
    return cx, cy, zoom


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--crf", type=int, default=20)
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    frames = max(1, round(args.seconds * args.fps))

    faces = []
    for f in FACES:
        y0, y1, x0, x1 = f["crop"]
        crop = read_photo(f["photo"])[y0:y1, x0:x1]
        faces.append((crop, f["face"]))
    bg = background(width, height).astype(np.uint8)
    sprites = {}  # (face, zoom in hundredths) -> (sprite, mask): zooms repeat, resizing is slow

    def sprite_at(i, zoom):
        key = (i, round(zoom * 100))
        if key not in sprites:
            s = resize(faces[i][0], key[1] / 100)
            sprites[key] = (s, oval_mask(*s.shape[:2]))
        return sprites[key]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".part.mp4"
    enc = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
         "-s", f"{width}x{height}", "-r", str(args.fps), "-i", "-",
         "-c:v", "libx264", "-preset", "fast", "-crf", str(args.crf), "-g", str(2 * args.fps),
         "-pix_fmt", "yuv420p", "-movflags", "+faststart", tmp],
        stdin=subprocess.PIPE)
    truth = []
    for n in range(frames):
        t = n / max(1, frames - 1)
        frame = bg.copy()
        boxes = []
        for i, (crop, face) in enumerate(faces):
            cx, cy, zoom = motion(i, t, width, height)
            zoom = round(zoom * 100) / 100
            sprite, mask = sprite_at(i, zoom)
            paste(frame, sprite, mask, cx, cy)
            h, w = sprite.shape[:2]
            ox, oy = round(cx - w / 2), round(cy - h / 2)
            boxes.append([round(ox + face[0] * zoom), round(oy + face[1] * zoom),
                          round(ox + face[2] * zoom), round(oy + face[3] * zoom)])
        enc.stdin.write(frame.tobytes())
        truth.append({"frame": n, "faces": boxes})
    enc.stdin.close()
    if enc.wait() != 0:
        sys.exit("ffmpeg failed to encode the sample video")
    os.replace(tmp, args.out)
    with open(args.out + ".truth.jsonl", "w") as f:
        for row in truth:
            f.write(json.dumps(row) + "\n")
    print(f"{args.out}: {frames} frames, {width}x{height} at {args.fps} fps")


if __name__ == "__main__":
    main()
