#include <memory>
#include <string>
#include <vector>

#include "face_detect_method.hpp"
#include "rill/sdk/method_registry.hpp"
#include "rill/vision_sdk/methods.hpp"
#include "track_method.hpp"

namespace rill::vision {
namespace {

constexpr const char* kFaceDetect = "FaceDetect";
constexpr const char* kTrack = "Track";

}  // namespace

void register_vision_methods() {
  sdk::register_method(kFaceDetect, [] { return std::make_shared<detail::FaceDetectMethod>(); });
  sdk::register_method(kTrack, [] { return std::make_shared<detail::TrackMethod>(); });
}

std::vector<std::string> vision_method_types() { return {kFaceDetect, kTrack}; }

namespace {

// Also at load: an XStream program that links this library names the types in its workflow
// without calling any rill function. (A shared library's initialiser always runs when it is
// loaded; the static-initialiser pitfall is objects a static link leaves out.)
const bool kRegisteredAtLoad = [] {
  register_vision_methods();
  return true;
}();

}  // namespace

}  // namespace rill::vision
