#include "ffmpeg.hpp"

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include <spdlog/spdlog.h>

namespace rill::media {
namespace {

void log_line(void* avcl, int level, const char* fmt, va_list args) {
  if (level > AV_LOG_ERROR || !spdlog::should_log(spdlog::level::debug)) return;
  char line[1024];
  int prefix = 1;
  av_log_format_line2(avcl, level, fmt, args, line, sizeof line, &prefix);
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  spdlog::debug("ffmpeg: {}", text);
}

}  // namespace

void route_ffmpeg_log() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(&log_line); });
}

std::string av_error_text(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(err, buf, sizeof buf) < 0) return "FFmpeg error " + std::to_string(err);
  return buf;
}

}  // namespace rill::media
