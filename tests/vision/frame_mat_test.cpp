#include "rill/vision/frame_mat.hpp"

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

TEST(BgrMat, WrapsABgrFramesPixelsWithoutCopying) {
  // Rows padded to 64 bytes: the Mat must step by the frame's stride, not by width * 3.
  const int w = 10, h = 4;
  const std::size_t stride = 64;
  Frame frame(Buffer::allocate(stride * h), PixelFormat::kBGR24, w, h, stride);
  cv::Mat m = bgr_mat(frame);
  EXPECT_EQ(m.data, frame.data());
  EXPECT_EQ(m.step[0], stride);
  EXPECT_EQ(m.size(), cv::Size(w, h));
  EXPECT_EQ(m.type(), CV_8UC3);
  m.at<cv::Vec3b>(3, 9) = cv::Vec3b(1, 2, 3);
  const std::uint8_t* px = frame.data() + 3 * stride + 9 * 3;
  EXPECT_EQ(px[0], 1);
  EXPECT_EQ(px[2], 3);
}

TEST(BgrMat, OtherFormatsNeedAsBgrFirst) {
  std::shared_ptr<Frame> gray = Frame::allocate(PixelFormat::kGRAY8, 8, 8);
  gray->data()[0] = 200;
  try {
    (void)bgr_mat(*gray);
    FAIL() << "a GRAY8 frame was wrapped as BGR";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("as_bgr"), std::string::npos) << e.what();
  }
  std::shared_ptr<const Frame> bgr = as_bgr(gray);
  EXPECT_EQ(bgr_mat(*bgr).at<cv::Vec3b>(0, 0), cv::Vec3b(200, 200, 200));
}

}  // namespace
}  // namespace rill::vision
