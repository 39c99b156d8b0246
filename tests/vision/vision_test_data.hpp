#pragma once
// What the vision tests look at: Debian's python3-skimage sample photos, the BlazeFace model
// `make deps` fetches into third_party/, and the astronaut's face as checked by eye.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "rill/vision/detection.hpp"
#include "rill/vision/face_detect.hpp"

namespace rill::vision::testing {

inline const std::filesystem::path kPhotoDir = "/usr/lib/python3/dist-packages/skimage/data";

/// A photo of python3-skimage as 8-bit BGR (a listed dependency: missing is a failure).
inline cv::Mat load_photo(const std::string& name) {
  cv::Mat m = cv::imread((kPhotoDir / name).string(), cv::IMREAD_COLOR);
  EXPECT_FALSE(m.empty()) << kPhotoDir / name << " unreadable: install python3-skimage";
  return m;
}

/// The astronaut's face in astronaut.png (512x512): from the hairline of her fringe to the
/// bottom of her chin, cheek to cheek. Checked by eye: drawn in red over a 4x enlargement of
/// the photo with a 10-pixel scale along the edges, and looked at next to BlazeFace's box
/// (drawn by rill::vision::draw), whose eye, nose and mouth keypoints sat on her eyes, nose
/// and mouth.
inline constexpr Box kAstronautFace{181, 80, 268, 172};

inline std::filesystem::path blazeface_model() {
  return std::filesystem::path(RILL_SOURCE_DIR) / kBlazeFaceFrontModel;
}

/// Skips the calling test when the model was not fetched: that is `make deps`'s job, not a bug.
#define RILL_REQUIRE_BLAZEFACE()                                                     \
  do {                                                                               \
    if (!std::filesystem::exists(::rill::vision::testing::blazeface_model()))        \
      GTEST_SKIP() << ::rill::vision::testing::blazeface_model()                     \
                   << " is absent: third_party/blazeface is fetched by `make deps`"; \
  } while (false)

}  // namespace rill::vision::testing
