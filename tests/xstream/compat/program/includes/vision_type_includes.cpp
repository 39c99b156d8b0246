// horizon/vision_type/vision_type.hpp alone brings the standard headers the original has
// (<iostream>, <map>, <memory>, <string>, <vector>); OpenCV, which the original also pulls in,
// is not part of the shim.
#include "horizon/vision_type/vision_type.hpp"

int CompatIncludesVisionType() {
  hobot::vision::BBox box(0, 0, 2, 3);
  std::vector<hobot::vision::BBox> boxes{box};
  std::map<int, std::string> names{{1, "box"}};
  std::shared_ptr<int> one = std::make_shared<int>(1);
  std::cout << "";
  return static_cast<int>(boxes.front().Width() * boxes.front().Height()) +
         static_cast<int>(names.size()) + *one;
}
