// horizon/vision_type/vision_type.hpp alone brings the standard headers the original has
// (<iostream>, <map>, <memory>, <string>, <vector>) and vision_type_common.h (the pixel formats).
// OpenCV, which the original always pulls in, comes only when it is on the include path (it is
// not here), and with it CVImageFrame.
#include "horizon/vision_type/vision_type.hpp"

namespace {

// An application's own ImageFrame: the interface needs no OpenCV.
struct Gray : hobot::vision::ImageFrame {
  uint8_t pixels[4] = {1, 2, 3, 4};
  uint8_t* Data() override { return pixels; }
  uint8_t* DataUV() override { return nullptr; }
  uint32_t DataSize() override { return 4; }
  uint32_t DataUVSize() override { return 0; }
  uint32_t Width() override { return 2; }
  uint32_t Height() override { return 2; }
  uint32_t Stride() override { return 2; }
  uint32_t StrideUV() override { return 0; }
};

}  // namespace

#ifdef RILL_XSTREAM_HAS_CV_IMAGE_FRAME
#error "OpenCV is not on this program's include path, so CVImageFrame must not be defined"
#endif

int CompatIncludesVisionType() {
  hobot::vision::BBox box(0, 0, 2, 3);
  std::vector<hobot::vision::BBox> boxes{box};
  std::map<int, std::string> names{{1, "box"}};
  std::shared_ptr<hobot::vision::ImageFrame> frame = std::make_shared<Gray>();
  frame->pixel_format = kHorizonVisionPixelFormatRawGRAY;
  std::cout << "";
  return static_cast<int>(boxes.front().Width() * boxes.front().Height()) +
         static_cast<int>(names.size()) + static_cast<int>(frame->Width());
}
