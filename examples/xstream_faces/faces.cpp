// xstream_faces: faces found and tracked in videos by an XStream JSON workflow (FaceDetect ->
// Track, workflow.json), driven from C++ through rill::sdk::Workflow. Each video is read with
// rill::media::VideoReader and is one source of the workflow (source id = its position on the
// command line), so every video has a tracker of its own; frames are fed in turn, one from each
// video, and every frame's tracks are printed as one JSON line.
//
//   xstream_faces examples/xstream_faces/workflow.json clip.mp4 [more.mp4 ...] > tracks.jsonl

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <rill/config/workflow.hpp>
#include <rill/core/json_escape.hpp>
#include <rill/media/video_reader.hpp>
#include <rill/sdk/workflow.hpp>
#include <rill/vision_sdk/methods.hpp>

namespace {

struct Source {
  std::string url;
  std::unique_ptr<rill::media::VideoReader> reader;  // null once the video has ended
  std::uint64_t frames = 0;
  std::uint64_t faces = 0;
  std::int32_t max_id = 0;
};

const xstream::BaseDataVector* slot(const xstream::OutputData& out, const std::string& name) {
  for (const auto& d : out.datas_) {
    if (d && d->name_ == name) return dynamic_cast<const xstream::BaseDataVector*>(d.get());
  }
  return nullptr;
}

/// {"source": 0, "url": "a.mp4", "frame": 7, "time": 0.28, "tracks": [{"id": 1, "bbox": [...],
/// "score": 0.93, "visible": true}], "gone": [3]}; "error" instead when the frame failed.
std::string json_line(Source& src, std::size_t source, const rill::Frame& frame,
                      const xstream::OutputData& out) {
  std::string line =
      fmt::format(R"({{"source": {}, "url": {}, "frame": {}, "time": {:.3f})", source,
                  rill::json_string(src.url), frame.frame_index, frame.seconds());
  if (out.error_code_ != 0) {
    return line + fmt::format(R"(, "error": {}}})", rill::json_string(out.error_detail_));
  }
  line += R"(, "tracks": [)";
  if (const auto* tracks = slot(out, "tracks")) {
    for (std::size_t i = 0; i < tracks->datas_.size(); ++i) {
      const auto* t = dynamic_cast<const rill::vision::BBoxData*>(tracks->datas_[i].get());
      if (t == nullptr) continue;
      const hobot::vision::BBox& b = t->value;
      const bool visible = t->state_ == xstream::DataState::VALID;
      line += fmt::format(
          R"({}{{"id": {}, "bbox": [{:.1f}, {:.1f}, {:.1f}, {:.1f}], "score": {:.3f}, "visible": {}}})",
          i == 0 ? "" : ", ", b.id, b.x1, b.y1, b.x2, b.y2, b.score, visible);
      src.faces += visible ? 1 : 0;
      src.max_id = std::max(src.max_id, b.id);
    }
  }
  line += R"(], "gone": [)";
  if (const auto* gone = slot(out, "gone")) {
    for (std::size_t i = 0; i < gone->datas_.size(); ++i) {
      const auto* id = dynamic_cast<const rill::vision::TrackIdData*>(gone->datas_[i].get());
      if (id != nullptr) line += fmt::format("{}{}", i == 0 ? "" : ", ", id->value);
    }
  }
  return line + "]}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: xstream_faces WORKFLOW.json VIDEO [VIDEO ...]\n";
    return 2;
  }
  // stdout is the JSON lines: rill's log (warnings, e.g. the Haar fallback) goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("xstream_faces"));
  // The method types are registered when librill_vision_sdk loads; saying so keeps the linker
  // from dropping a library this program otherwise only names in JSON.
  rill::vision::register_vision_methods();

  rill::Diagnostics diags;
  rill::config::WorkflowLoad load = rill::config::load_workflow_file(argv[1], diags);
  if (!load.spec) {
    std::cerr << diags.format();
    return 2;
  }
  const rill::config::WorkflowSpec& spec = *load.spec;
  const auto videos = static_cast<std::size_t>(argc - 2);
  if (spec.inputs.size() != 1 || videos > static_cast<std::size_t>(spec.source_number)) {
    std::cerr << argv[1] << ": needs one input slot (the image) and source_number >= " << videos
              << "\n";
    return 2;
  }
  rill::sdk::Workflow workflow;
  if (workflow.open(spec, {}, diags) != 0) {
    std::cerr << diags.format();
    return 2;
  }
  std::cerr << diags.format();  // warnings found while opening

  int status = 0;  // 1 when a video could not be read or a frame failed
  std::vector<Source> sources(videos);
  for (std::size_t s = 0; s < videos; ++s) {
    sources[s].url = argv[s + 2];
    try {
      sources[s].reader = std::make_unique<rill::media::VideoReader>(sources[s].url);
    } catch (const rill::media::MediaError& e) {
      std::cerr << "xstream_faces: " << e.what() << "\n";  // this video only; the others go on
      status = 1;
    }
  }
  for (bool any = true; any;) {
    any = false;
    for (std::size_t s = 0; s < videos; ++s) {
      Source& src = sources[s];
      if (!src.reader) continue;
      std::shared_ptr<rill::Frame> frame;
      try {
        frame = src.reader->next();
      } catch (const rill::media::MediaError& e) {
        std::cerr << "xstream_faces: " << e.what() << "\n";
        status = 1;
      }
      if (!frame) {
        src.reader.reset();
        continue;
      }
      any = true;
      ++src.frames;
      auto image = std::make_shared<rill::vision::FrameData>(frame);  // no pixels copied
      image->name_ = spec.inputs[0];
      xstream::InputData in;
      in.datas_.push_back(std::move(image));
      in.source_id_ = static_cast<std::uint32_t>(s);
      for (const auto& out : workflow.predict(in)) {
        std::cout << json_line(src, s, *frame, *out) << '\n';
        if (out->error_code_ != 0) status = 1;
      }
    }
  }
  std::cout.flush();
  for (std::size_t s = 0; s < videos; ++s) {
    std::cerr << fmt::format("{}: {} frames, {} faces, {} tracks\n", sources[s].url,
                             sources[s].frames, sources[s].faces, sources[s].max_id);
  }
  return status;
}
