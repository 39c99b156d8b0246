#include "track_method.hpp"

#include <stdexcept>
#include <utility>

#include "method_config.hpp"
#include "rill/vision/tracker_args.hpp"
#include "rill/vision_sdk/methods.hpp"

namespace rill::vision::detail {
namespace {

constexpr const char* kName = "Track";

using Boxes = xstream::XStreamData<std::vector<hobot::vision::BBox>>;

std::shared_ptr<xstream::BaseDataVector> invalid_vector() {
  auto v = std::make_shared<xstream::BaseDataVector>();
  v->state_ = xstream::DataState::INVALID;
  return v;
}

}  // namespace

int TrackMethod::Init(const std::string& config_file_path) {
  tracker_.emplace(
      tracker_options(method_config_file(kName, TrackerArgs::contract(), config_file_path)));
  return 0;
}

int TrackMethod::InitFromJsonString(const std::string& config) {
  tracker_.emplace(tracker_options(method_config(kName, TrackerArgs::contract(), config)));
  return 0;
}

int TrackMethod::label_of(const std::string& category) {
  auto [it, fresh] = labels_.try_emplace(category, static_cast<int>(categories_.size()));
  if (fresh) categories_.push_back(category);
  return it->second;
}

std::vector<Detection> TrackMethod::detections_of(const xstream::BaseData& datum,
                                                  const std::string& what) {
  std::vector<Detection> out;
  auto add = [&](const hobot::vision::BBox& b) {
    Detection d;
    d.box = Box{b.x1, b.y1, b.x2, b.y2};
    d.score = b.score;
    d.label = label_of(b.category_name);
    out.push_back(std::move(d));
  };
  if (const auto* v = dynamic_cast<const xstream::BaseDataVector*>(&datum)) {
    for (std::size_t i = 0; i < v->datas_.size(); ++i) {
      const auto* box = dynamic_cast<const BBoxData*>(v->datas_[i].get());
      if (box == nullptr) {
        throw std::invalid_argument(what + ": element " + std::to_string(i) +
                                    " of the input vector is no BBox (a '" +
                                    (v->datas_[i] ? v->datas_[i]->type_ : "null") + "' datum)");
      }
      if (box->state_ == xstream::DataState::VALID) add(box->value);
    }
    return out;
  }
  if (const auto* boxes = dynamic_cast<const Boxes*>(&datum)) {
    for (const hobot::vision::BBox& b : boxes->value) add(b);
    return out;
  }
  throw std::invalid_argument(what + ": the input is a '" + datum.type_ +
                              "' datum; Track takes a BaseDataVector of "
                              "XStreamData<hobot::vision::BBox> (FaceDetect's output)");
}

std::vector<std::vector<xstream::BaseDataPtr>> TrackMethod::DoProcess(
    const std::vector<std::vector<xstream::BaseDataPtr>>& input,
    const std::vector<xstream::InputParamPtr>& /*param*/) {
  if (!tracker_) throw std::logic_error("Track: DoProcess before Init");
  std::vector<std::vector<xstream::BaseDataPtr>> output(input.size());
  // A batch holds one source's frames in order (one instance per source, reordered): each
  // updates the tracker in turn.
  for (std::size_t b = 0; b < input.size(); ++b) {
    const std::string what = "Track: frame " + std::to_string(b) + " of the batch";
    if (input[b].empty()) throw std::invalid_argument(what + " has no input (it takes boxes)");
    const xstream::BaseDataPtr& datum = input[b][0];
    if (!datum || datum->state_ != xstream::DataState::VALID) {
      output[b] = {invalid_vector(), invalid_vector()};
      continue;
    }
    const TrackUpdate u = tracker_->update(detections_of(*datum, what));
    auto tracks = std::make_shared<xstream::BaseDataVector>();
    for (const Track& t : u.tracks) {
      auto box = std::make_shared<BBoxData>(hobot::vision::BBox(
          t.box.x0, t.box.y0, t.box.x1, t.box.y1, t.score, static_cast<std::int32_t>(t.id),
          categories_.at(static_cast<std::size_t>(t.label))));
      box->type_ = "BBox";
      if (t.missed > 0) box->state_ = xstream::DataState::INVISIBLE;
      tracks->datas_.push_back(std::move(box));
    }
    auto died = std::make_shared<xstream::BaseDataVector>();
    for (std::int64_t id : u.died) {
      auto d = std::make_shared<TrackIdData>(static_cast<std::uint32_t>(id));
      d->type_ = "Number";
      died->datas_.push_back(std::move(d));
    }
    output[b] = {std::move(tracks), std::move(died)};
  }
  return output;
}

void TrackMethod::Finalize() { tracker_.reset(); }

std::string TrackMethod::GetVersion() const { return "rill Track (IoU)"; }

xstream::MethodInfo TrackMethod::GetMethodInfo() {
  xstream::MethodInfo info;
  info.is_thread_safe_ = false;  // the tracker is one source's state
  info.is_need_reorder = true;   // a tracker must see its frames in sequence
  info.is_src_ctx_dept = true;   // one instance, hence one tracker, per source id
  return info;
}

}  // namespace rill::vision::detail
