#!/usr/bin/python3
"""A real RTSP server on 127.0.0.1 for rill's tests (gst-rtsp-server through python3-gi).

Each mount point serves one H.264 video file (mp4/mov or mkv) as an endless stream: the file is
demuxed once at start-up and its access units are fed to every client in a loop, with timestamps
that go on increasing from one pass to the next. Nothing is re-encoded, so a server costs almost
no CPU, and what a client decodes is exactly what the test encoded.

    rtsp_server.py --mount /cam=clip.mp4 [--mount /b=other.mkv] [--port 0] [--max-seconds 120]
    rtsp_server.py --check     exit 0 when everything the server needs is installed

Once it listens it prints the bound port alone on the first line of stdout (with --port 0 the
kernel picks a free one). It stops cleanly (exit 0) on SIGTERM or SIGINT, when its parent process
dies, and after --max-seconds, so a crashed test never leaves it behind.

Why a loop fed through appsrc rather than `filesrc ! qtdemux ! rtph264pay`: that pipeline ends
with the file, and looping it by seeking would restart the RTP timestamps (a flushing seek) or be
undone by the seek gst-rtsp-server makes when a PLAY carries a range, as FFmpeg's does (a segment
seek). Why not a raw .h264 file through `multifilesrc loop=true ! h264parse`: it sends every
frame with the same timestamp.
"""

import argparse
import os
import signal
import sys

EXIT_MISSING = 3  # --check, or start-up: something the server needs is not installed


def load_gstreamer():
    """Imports GStreamer and the RTSP server; returns (Gst, GstRtspServer, GLib) or exits."""
    try:
        import gi

        gi.require_version("Gst", "1.0")
        gi.require_version("GstApp", "1.0")
        gi.require_version("GstRtspServer", "1.0")
        from gi.repository import GLib, Gst, GstApp, GstRtspServer  # noqa: F401 (GstApp: appsrc API)
    except (ImportError, ValueError) as e:
        print(f"rtsp_server: gst-rtsp-server is not importable ({e}); "
              "install gir1.2-gst-rtsp-server-1.0 (make deps)", file=sys.stderr)
        sys.exit(EXIT_MISSING)
    Gst.init(None)
    missing = [name for name in ("appsrc", "appsink", "qtdemux", "matroskademux", "rtph264pay")
               if Gst.ElementFactory.find(name) is None]
    if missing:
        print(f"rtsp_server: GStreamer elements missing: {', '.join(missing)}; install "
              "gstreamer1.0-plugins-base and gstreamer1.0-plugins-good (make deps)",
              file=sys.stderr)
        sys.exit(EXIT_MISSING)
    return Gst, GstRtspServer, GLib


class Clip:
    """The H.264 access units of one file, demuxed once, with the length of one pass."""

    def __init__(self, Gst, path):
        if not os.path.isfile(path):
            raise SystemExit(f"rtsp_server: {path}: no such file")
        demux = "matroskademux" if path.lower().endswith((".mkv", ".webm")) else "qtdemux"
        # The location is set as a property, so no quoting of the path in the launch line.
        pipeline = Gst.parse_launch(
            f"filesrc name=src ! {demux} ! video/x-h264 ! appsink name=sink sync=false")
        pipeline.get_by_name("src").set_property("location", path)
        sink = pipeline.get_by_name("sink")
        pipeline.set_state(Gst.State.PLAYING)
        self.caps = None
        self.samples = []  # (buffer, pts, dts, duration), times in ns
        bus = pipeline.get_bus()
        error = None
        while error is None:
            # A demuxer error never reaches the appsink as an end of stream: look at the bus.
            sample = sink.emit("try-pull-sample", 100 * Gst.MSECOND)
            if sample is None:
                if sink.is_eos():
                    break
                error = bus.pop_filtered(Gst.MessageType.ERROR)
                continue
            if self.caps is None:
                self.caps = sample.get_caps()
            b = sample.get_buffer()
            self.samples.append((b, b.pts, b.dts, b.duration))
        pipeline.set_state(Gst.State.NULL)
        if error is not None or not self.samples:
            reason = error.parse_error()[0].message if error is not None else "no H.264 video"
            raise SystemExit(f"rtsp_server: {path}: cannot serve its H.264 video: {reason}")
        none = Gst.CLOCK_TIME_NONE
        ends = [p + (d if d != none else 0) for _, p, _, d in self.samples if p != none]
        starts = [p for _, p, _, _ in self.samples if p != none]
        # One pass lasts from the first picture to the end of the last one.
        self.period = max(ends) - min(starts) if starts else 0
        if self.period <= 0:
            raise SystemExit(f"rtsp_server: {path}: its frames carry no timestamps")


class LoopFeeder:
    """Feeds one client's appsrc with a clip, pass after pass, timestamps shifted per pass."""

    def __init__(self, Gst, clip, appsrc):
        self.Gst = Gst
        self.clip = clip
        self.index = 0
        self.offset = 0  # ns added to every timestamp of the current pass
        appsrc.set_property("caps", clip.caps)
        appsrc.set_property("format", Gst.Format.TIME)
        # The signal's closure holds this feeder, so it lives exactly as long as the appsrc.
        appsrc.connect("need-data", self.on_need_data)

    def shift(self, t):
        return t if t == self.Gst.CLOCK_TIME_NONE else t + self.offset

    def on_need_data(self, appsrc, _length):
        # One access unit per call: appsrc asks again while its queue is below its limit, and
        # the RTSP server's sinks pace the stream at its timestamps (real time).
        buffer, pts, dts, duration = self.clip.samples[self.index]
        out = buffer.copy()  # shares the memory; gives writable timestamps
        out.pts = self.shift(pts)
        out.dts = self.shift(dts)
        out.duration = duration
        appsrc.emit("push-buffer", out)
        self.index += 1
        if self.index == len(self.clip.samples):
            self.index = 0
            self.offset += self.clip.period


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mount", action="append", default=[], metavar="/PATH=FILE",
                   help="serve FILE (H.264 in mp4/mov/mkv) at rtsp://127.0.0.1:PORT/PATH")
    p.add_argument("--port", type=int, default=0, help="TCP port; 0 = a free one (default)")
    p.add_argument("--max-seconds", type=float, default=300,
                   help="stop after this long whatever happens (default 300)")
    p.add_argument("--check", action="store_true",
                   help="only check that GStreamer and the RTSP server are usable")
    args = p.parse_args(argv)
    if not args.check and not args.mount:
        p.error("at least one --mount /PATH=FILE is needed")
    mounts = []
    for m in args.mount:
        path, sep, file = m.partition("=")
        if not sep or not path.startswith("/") or not file:
            p.error(f"--mount {m!r}: expected /PATH=FILE")
        mounts.append((path, file))
    if not 0 <= args.port <= 65535:
        p.error(f"--port {args.port}: not a TCP port")
    if args.max_seconds <= 0:
        p.error("--max-seconds must be positive")
    return args, mounts


def main(argv):
    args, mounts = parse_args(argv)
    parent = os.getppid()
    Gst, GstRtspServer, GLib = load_gstreamer()
    if args.check:
        return 0

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")  # never reachable from outside this machine
    server.set_service(str(args.port))
    for path, file in mounts:
        clip = Clip(Gst, file)
        factory = GstRtspServer.RTSPMediaFactory()
        # A pipeline per client (not shared): each client's stream starts at a key frame.
        factory.set_shared(False)
        factory.set_launch("( appsrc name=src ! rtph264pay name=pay0 pt=96 config-interval=-1 )")

        def configure(_factory, media, clip=clip):
            LoopFeeder(Gst, clip, media.get_element().get_by_name("src"))

        factory.connect("media-configure", configure)
        server.get_mount_points().add_factory(path, factory)

    loop = GLib.MainLoop()
    if server.attach(None) == 0:  # GStreamer logs the socket's reason on stderr
        print(f"rtsp_server: cannot listen on 127.0.0.1:{args.port} (in use?)", file=sys.stderr)
        return 1

    def stop(reason):
        if reason:
            print(f"rtsp_server: {reason}; stopping", file=sys.stderr)
        loop.quit()
        return GLib.SOURCE_REMOVE

    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, stop, None)
    GLib.timeout_add(int(args.max_seconds * 1000), stop, f"--max-seconds {args.max_seconds} over")

    def parent_alive():
        if os.getppid() != parent:
            return stop("the parent process died")
        return GLib.SOURCE_CONTINUE

    GLib.timeout_add(200, parent_alive)

    print(server.get_bound_port(), flush=True)
    loop.run()
    # Streaming threads may still run; nothing is left to flush, so leave without waiting.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
