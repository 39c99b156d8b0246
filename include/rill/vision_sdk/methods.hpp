#pragma once
// The vision operators as XStream method types, for JSON workflows run by rill::sdk::Workflow,
// xstream::XStreamSDK and `rill run -c workflow.json`:
//
//   {"unique_name": "detect", "method_type": "FaceDetect", "inputs": ["image"],
//    "outputs": ["faces"], "method_config": {"score_threshold": 0.6}}
//   {"unique_name": "track", "method_type": "Track", "inputs": ["faces"],
//    "outputs": ["tracks", "gone"]}
//
// FaceDetect takes one image per frame (an ImageFrameData or a FrameData) and gives a
// BaseDataVector of BBoxData (x1, y1, x2, y2, score; id -1; category "face"). Track takes such a
// vector and gives the live tracks as BBoxData with id = track id (state VALID when seen in this
// frame, INVISIBLE while it is missing), plus, as an optional second output, a BaseDataVector of
// XStreamData<uint32_t>: the ids that ended with this frame. Their method_config keys are the
// TOML nodes' arguments (rill/vision/face_detector_args.hpp, rill/vision/tracker_args.hpp).
// docs/xstream.md lists them.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "horizon/vision_type/vision_type.hpp"
#include "rill/core/frame.hpp"

namespace rill::vision {

/// A rill frame (any pixel format rill::as_bgr converts) in a workflow slot: what a program
/// reading video with rill::media::VideoReader feeds, without copying pixels.
using FrameData = xstream::XStreamData<std::shared_ptr<const Frame>>;
/// XStream's image datum: an ImageFrame (e.g. hobot::vision::CVImageFrame) whose pixel_format is
/// RawBGR (read in place), RawRGB, RawGRAY, RawRGBA, RawBGRA, RawNV12, RawNV21 or RawI420.
using ImageFrameData = xstream::XStreamData<std::shared_ptr<hobot::vision::ImageFrame>>;
/// One box of FaceDetect's and Track's outputs, in the image's pixels.
using BBoxData = xstream::XStreamData<hobot::vision::BBox>;
/// One id of Track's second output (the tracks that ended).
using TrackIdData = xstream::XStreamData<std::uint32_t>;

/// Registers the method types "FaceDetect" and "Track" with rill::sdk::register_method (again:
/// the library also registers them when it is loaded, so programs that only link it, XStream
/// programs calling no rill function, find them too). Calling it makes the dependency visible to
/// the linker and restores the types after a plugin replaced them.
/// Thread safety: any thread; call before opening the workflows that use the types.
void register_vision_methods();

/// The method types register_vision_methods registers, sorted: {"FaceDetect", "Track"}.
std::vector<std::string> vision_method_types();

}  // namespace rill::vision
