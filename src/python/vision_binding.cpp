// rill.vision: the vision operators of src/vision for Python nodes and scripts, on numpy frames.
// Thin: images are the caller's arrays seen as cv::Mat (ndarray_image), results go through the
// same message writers as the FaceDetect and Track nodes (rill/vision/messages.hpp), so a Python
// node gets exactly the `items` and `tracks` a TOML graph would (docs/python.md, "rill.vision").

#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include <rill/vision/face_detector_choice.hpp>
#include <rill/vision/messages.hpp>
#include <rill/vision/tracker.hpp>
#include <rill/vision/visualize.hpp>

#include "call_args.hpp"
#include "convert.hpp"
#include "gil.hpp"
#include "ndarray_image.hpp"

namespace rill::python {
namespace py = pybind11;

namespace {

using vision::Detection;

// FaceDetect's defaults, spelt as Python shows them; the detector's own must agree.
constexpr double kDefaultScore = 0.5;
constexpr double kDefaultIou = 0.3;
static_assert(vision::BlazeFaceOptions{}.score_threshold == static_cast<float>(kDefaultScore));
static_assert(vision::BlazeFaceOptions{}.iou_threshold == static_cast<float>(kDefaultIou));

/// rill.vision.FaceDetector: one detector (BlazeFace or Haar), shared by every call.
/// Thread safety: detect() from any Python thread; the GIL is released while it runs.
class PyFaceDetector {
 public:
  PyFaceDetector(const std::string& detector, const py::object& model, double score_threshold,
                 double iou_threshold) {
    vision::FaceDetectorChoice choice;
    choice.detector = detector;
    if (auto path = optional_path(model, "FaceDetector", "model")) choice.model = *path;
    choice.blazeface.score_threshold = static_cast<float>(score_threshold);
    choice.blazeface.iou_threshold = static_cast<float>(iou_threshold);
    vision::ChosenFaceDetector chosen;
    {
      GilRelease unlocked;  // loading a model and its first forward take a while
      chosen = vision::make_face_detector(choice);
    }
    if (!chosen.fallback_note.empty()) {
      py::module_::import("warnings")
          .attr("warn")("rill.vision.FaceDetector: " + chosen.fallback_note);
    }
    detector_ = std::move(chosen.detector);
    name_ = chosen.name;
    if (name_ == "blazeface") model_ = choice.model.string();
  }

  py::list detect(py::handle frame) const {
    NdarrayImage image = ndarray_image(frame, ImageUse::kRead, "FaceDetector.detect()");
    std::vector<Detection> faces;
    {
      GilRelease unlocked;  // image.array keeps the pixels alive meanwhile
      faces = detector_->detect(image.mat);
    }
    return to_python(vision::items_value(faces));
  }

  py::list detect_batch(const py::handle& frames) const {
    if (!py::isinstance<py::list>(frames) && !py::isinstance<py::tuple>(frames)) {
      throw py::type_error(std::string("FaceDetector.detect_batch(): expected a list of frames, "
                                       "not ") +
                           Py_TYPE(frames.ptr())->tp_name);
    }
    std::vector<NdarrayImage> images;  // hold the arrays while the GIL is released
    std::vector<cv::Mat> mats;
    for (py::handle f : frames) {
      const std::string who =
          "FaceDetector.detect_batch(): frames[" + std::to_string(images.size()) + "]";
      images.push_back(ndarray_image(f, ImageUse::kRead, who));
      mats.push_back(images.back().mat);
    }
    std::vector<std::vector<Detection>> faces;
    {
      GilRelease unlocked;
      faces = detector_->detect(mats);  // one forward for the whole batch
    }
    py::list out;
    for (const auto& f : faces) out.append(to_python(vision::items_value(f)));
    return out;
  }

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] py::object model() const {
    return model_ ? py::object(py::str(*model_)) : py::object(py::none());
  }

 private:
  std::shared_ptr<vision::FaceDetector> detector_;
  std::string name_;
  std::optional<std::string> model_;
};

/// rill.vision.Tracker: one stream's IouTracker. Thread safety: the GIL serialises updates.
class PyTracker {
 public:
  PyTracker(double min_iou, int max_missed, int min_hits)
      : tracker_(vision::TrackerOptions{static_cast<float>(min_iou), max_missed, min_hits}) {}

  py::dict update(const py::handle& items) {
    constexpr const char* kWho = "Tracker.update()";
    const Value v = from_python(items);
    std::vector<Detection> faces;
    if (v.is_list()) {
      faces = vision::detections_of(v, kWho);
    } else if (v.is_map()) {
      faces = vision::items_of(v.as_map(), kWho);  // a message with `items`
    } else {
      throw py::type_error(std::string(kWho) +
                           ": expected the items FaceDetector.detect() returns (a list of "
                           "dicts) or a message dict holding them under \"items\", not " +
                           Py_TYPE(items.ptr())->tp_name);
    }
    Map out;
    vision::set_track_update(out, tracker_.update(faces));
    return to_python(Value(std::move(out)));
  }

  [[nodiscard]] py::list tracks() const {
    return to_python(vision::tracks_value(tracker_.tracks()));
  }
  [[nodiscard]] const vision::TrackerOptions& options() const { return tracker_.options(); }

 private:
  vision::IouTracker tracker_;
};

/// `what` as a message Visualize would draw: a dict (its `tracks`, else its `items`), or a list
/// of tracks (entries with a "tid") or of items.
Map drawable(py::handle what) {
  const Value v = from_python(what);
  if (v.is_map()) return v.as_map();
  if (v.is_list()) {
    const List& l = v.as_list();
    const bool tracks =
        !l.empty() && l.front().is_map() && l.front().as_map().find("tid") != nullptr;
    Map msg;
    msg.set(tracks ? "tracks" : "items", v);
    return msg;
  }
  throw py::type_error(std::string("draw(): expected items or tracks (a list of dicts) or a "
                                   "message dict holding them, not ") +
                       Py_TYPE(what.ptr())->tp_name);
}

void draw(py::handle frame, py::handle what, int thickness, bool keypoints) {
  if (thickness < 1 || thickness > 64) {
    throw py::value_error("draw(): thickness = " + std::to_string(thickness) +
                          " is outside [1, 64]");
  }
  NdarrayImage image = ndarray_image(frame, ImageUse::kDrawInPlace, "draw()");
  if (what.is_none()) {
    if (!py::isinstance<py::dict>(frame)) {
      throw py::type_error(
          "draw(): nothing to draw: pass the items or tracks, or a message dict "
          "holding the frame and them");
    }
    what = frame;  // a whole message, as Visualize takes it
  }
  vision::DrawStyle style;
  style.thickness = thickness;
  style.keypoints = keypoints;
  vision::draw_message(image.mat, drawable(what), style, "draw()");
}

}  // namespace

void bind_vision(py::module_& m) {
  m.doc() =
      "The vision operators of rill's C++ vision layer on numpy frames (H x W x 3 uint8, BGR): "
      "the FaceDetect, Track and Visualize nodes' work, with the same `items` and `tracks`.";
  py::register_exception<vision::ModelError>(m, "ModelError", PyExc_RuntimeError);

  py::class_<PyFaceDetector>(
      m, "FaceDetector",
      "A face detector, as the FaceDetect node builds it: BlazeFace when its model file is there "
      "(detector='auto', the default) or named ('blazeface'), else OpenCV's Haar cascade "
      "('haar', or 'auto' without the model, with a warning). Raises ValueError for an unknown "
      "detector or a threshold outside [0, 1], rill.vision.ModelError when the model cannot be "
      "loaded.")
      .def(py::init<const std::string&, const py::object&, double, double>(),
           py::arg("detector") = "auto", py::arg("model") = py::none(),
           py::arg("score_threshold") = kDefaultScore, py::arg("iou_threshold") = kDefaultIou,
           "model: the BlazeFace ONNX file (str or os.PathLike; None: FaceDetect's default, "
           "third_party/blazeface/... relative to the working directory).")
      .def("detect", &PyFaceDetector::detect, py::arg("frame"),
           "The faces in one frame (H x W x 3 uint8 BGR ndarray, or a message dict with it "
           "under 'data'), best first, as FaceDetect's `items`: [{'bbox': [x0, y0, x1, y1], "
           "'score': s, 'label': 0, 'keypoints': [[x, y], ...]}, ...]. Packed frames are not "
           "copied; the GIL is released while the model runs.")
      .def("detect_batch", &PyFaceDetector::detect_batch, py::arg("frames"),
           "The faces of every frame of a list, in one model forward: a list of `items` lists.")
      .def_property_readonly("detector", &PyFaceDetector::name,
                             "The detector chosen: 'blazeface' or 'haar'.")
      .def_property_readonly("model", &PyFaceDetector::model,
                             "BlazeFace's model path; None for Haar.")
      .def("__repr__",
           [](const PyFaceDetector& d) { return "<rill.vision.FaceDetector " + d.name() + ">"; });

  const vision::TrackerOptions defaults;
  py::class_<PyTracker>(
      m, "Tracker",
      "One stream's IoU tracker, as the Track node keeps per stream. Raises ValueError for "
      "min_hits < 1, max_missed < 0 or min_iou outside (0, 1].")
      .def(py::init<double, int, int>(), py::arg("min_iou") = static_cast<double>(defaults.min_iou),
           py::arg("max_missed") = defaults.max_missed, py::arg("min_hits") = defaults.min_hits)
      .def("update", &PyTracker::update, py::arg("items"),
           "Feeds one frame's items (FaceDetector.detect's list, or a message dict with "
           "`items`) and returns what Track adds: {'tracks': [{'tid', 'bbox', 'score'}, ...], "
           "'born': [ids], 'died': [ids]}.")
      .def_property_readonly("tracks", &PyTracker::tracks,
                             "The confirmed live tracks, by id, as in update()'s 'tracks'.")
      .def_property_readonly("min_iou", [](const PyTracker& t) { return t.options().min_iou; })
      .def_property_readonly("max_missed",
                             [](const PyTracker& t) { return t.options().max_missed; })
      .def_property_readonly("min_hits", [](const PyTracker& t) { return t.options().min_hits; });

  m.def("draw", &draw, py::arg("frame"), py::arg("items_or_tracks") = py::none(),
        py::arg("thickness") = 2, py::arg("keypoints") = true,
        "Draws items or tracks onto the frame in place, as the Visualize node does: tracks "
        "(a list with 'tid's, or a dict with 'tracks', e.g. Tracker.update's result) with their "
        "ids and steady colours, else items (boxes, scores, keypoints). `frame` is a writable, "
        "packed H x W x 3 uint8 ndarray, or a message dict with it under 'data' (then "
        "items_or_tracks may be left out: the message's own are drawn).");
}

}  // namespace rill::python
