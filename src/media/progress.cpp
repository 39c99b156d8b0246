#include "progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace rill::media {
namespace {

using Clock = std::chrono::steady_clock;

// A terminal redraws smoothly; a log gets a line now and then.
constexpr auto kTtyEvery = std::chrono::milliseconds(200);
constexpr auto kLogEvery = std::chrono::seconds(5);

std::string duration_text(double s) {
  auto t = static_cast<long long>(s + 0.5);
  if (t >= 3600) return fmt::format("{}h{:02}m", t / 3600, t % 3600 / 60);
  if (t >= 60) return fmt::format("{}m{:02}s", t / 60, t % 60);
  return fmt::format("{}s", t);
}

}  // namespace

Progress::Progress(std::string name, std::uint64_t total, std::string unit, std::FILE* out)
    : name_(std::move(name)),
      total_(total),
      unit_(std::move(unit)),
      out_(out),
      tty_(out != nullptr && isatty(fileno(out)) != 0),
      start_(Clock::now()),
      printed_(start_) {}

std::string Progress::line_locked(Clock::time_point now) const {
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(done_) / secs : 0;
  std::string text = fmt::format("{}  {}", name_, done_);
  if (total_ > 0) {
    text += fmt::format("/{} {}  {:3.0f}%", total_, unit_,
                        100.0 * static_cast<double>(done_) / static_cast<double>(total_));
  } else {
    text += " " + unit_;
  }
  text += fmt::format("  {:.1f}/s", rate);
  if (total_ > 0 && rate > 0 && done_ < total_) {
    text += "  ETA " + duration_text(static_cast<double>(total_ - done_) / rate);
  } else {
    text += "  " + duration_text(secs);
  }
  return text;
}

std::string Progress::line() const {
  std::lock_guard<std::mutex> lock(mu_);
  return line_locked(Clock::now());
}

void Progress::advance(std::uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  done_ += n;
  if (out_ == nullptr || finished_) return;
  auto now = Clock::now();
  if (now - printed_ < (tty_ ? Clock::duration(kTtyEvery) : Clock::duration(kLogEvery))) return;
  printed_ = now;
  std::string text = line_locked(now);
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K", text.c_str());  // redraw in place, clear the rest
  } else {
    std::fprintf(out_, "%s\n", text.c_str());
  }
  std::fflush(out_);
}

void Progress::add_total(std::uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  total_ += n;
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_) return;
  finished_ = true;
  if (out_ == nullptr) return;
  std::string text = line_locked(Clock::now());
  std::fprintf(out_, tty_ ? "\r%s\033[K\n" : "%s\n", text.c_str());
  std::fflush(out_);
}

}  // namespace rill::media
