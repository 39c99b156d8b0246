#include "rill/vision/visualize.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

namespace rill::vision {
namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

void check_image(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.type() != CV_8UC3) {
    throw std::invalid_argument("draw: takes an 8-bit BGR image (CV_8UC3)");
  }
}

std::string label_text(int label, const DrawStyle& style) {
  if (label >= 0 && static_cast<std::size_t>(label) < style.labels.size()) {
    return style.labels[static_cast<std::size_t>(label)];
  }
  return std::to_string(label);
}

// Black or white, whichever reads better on `bg`.
cv::Scalar text_color_on(const cv::Scalar& bg) {
  const double luma = 0.114 * bg[0] + 0.587 * bg[1] + 0.299 * bg[2];
  return luma > 128 ? cv::Scalar(0, 0, 0) : cv::Scalar(255, 255, 255);
}

void draw_box(cv::Mat& bgr, const Box& box, const std::string& caption, const cv::Scalar& color,
              const DrawStyle& style) {
  const cv::Rect r = box.rect();
  cv::rectangle(bgr, r, color, style.thickness, cv::LINE_8);
  int baseline = 0;
  const int text_thickness = std::max(1, style.thickness / 2);
  const cv::Size text =
      cv::getTextSize(caption, kFont, style.font_scale, text_thickness, &baseline);
  const int strip = text.height + baseline + 2;
  // Above the box when there is room, else just inside its top edge.
  const int top = r.y - strip >= 0 ? r.y - strip : r.y;
  const cv::Rect background(r.x, top, text.width + 4, strip);
  cv::rectangle(bgr, background, color, cv::FILLED);
  cv::putText(bgr, caption, cv::Point(r.x + 2, top + text.height + 1), kFont, style.font_scale,
              text_color_on(color), text_thickness, cv::LINE_AA);
}

}  // namespace

cv::Scalar track_color(std::int64_t id) {
  constexpr double kGoldenTurn = 0.618033988749895;
  double turn = std::fmod(static_cast<double>(id) * kGoldenTurn, 1.0);
  if (turn < 0) turn += 1;
  const double hue = turn * 180;  // OpenCV's 8-bit hue spans 0-180
  cv::Mat hsv(1, 1, CV_8UC3, cv::Scalar(hue, 255, 255)), bgr;
  cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
  const cv::Vec3b c = bgr.at<cv::Vec3b>(0, 0);
  return {static_cast<double>(c[0]), static_cast<double>(c[1]), static_cast<double>(c[2])};
}

void draw(cv::Mat& bgr, std::span<const Track> tracks, const DrawStyle& style) {
  check_image(bgr);
  for (const Track& t : tracks) {
    const std::string caption =
        fmt::format("#{} {} {:.2f}", t.id, label_text(t.label, style), t.score);
    draw_box(bgr, t.box, caption, track_color(t.id), style);
  }
}

void draw(cv::Mat& bgr, std::span<const Detection> detections, const DrawStyle& style) {
  check_image(bgr);
  for (const Detection& d : detections) {
    // Detections have no id: colour by label, with the colours of ids no track has.
    const cv::Scalar color = track_color(-1 - d.label);
    draw_box(bgr, d.box, fmt::format("{} {:.2f}", label_text(d.label, style), d.score), color,
             style);
    if (!style.keypoints) continue;
    for (const cv::Point2f& p : d.keypoints) {
      cv::circle(bgr,
                 cv::Point(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))),
                 std::max(2, style.thickness), color, cv::FILLED, cv::LINE_AA);
    }
  }
}

}  // namespace rill::vision
