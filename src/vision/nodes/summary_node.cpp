#include "nodes/summary_node.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "rill/vision/messages.hpp"

namespace rill::vision {
namespace {

std::optional<double> rate(std::uint64_t frames, std::chrono::steady_clock::duration span) {
  const double seconds = std::chrono::duration<double>(span).count();
  if (frames < 2 || seconds <= 0) return std::nullopt;
  return static_cast<double>(frames - 1) / seconds;  // frames - 1 intervals between arrivals
}

template <typename Sink>
bool is(const spdlog::sink_ptr& s) {
  return dynamic_cast<Sink*>(s.get()) != nullptr;
}

bool same_file(int a, int b) {
  struct stat sa {};
  struct stat sb {};
  return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/// True when the default logger's lines land where stdout goes: a stdout sink (spdlog's own
/// default, the Python module's), or a stderr sink (the CLI's) with stderr and stdout on the
/// same terminal, pipe or file. Then printing the table is enough.
bool log_goes_to_stdout() {
  const std::shared_ptr<spdlog::logger> log = spdlog::default_logger();
  if (!log) return false;
  for (const spdlog::sink_ptr& s : log->sinks()) {
    using namespace spdlog::sinks;  // NOLINT(google-build-using-namespace): local, for the list
    if (is<ansicolor_stdout_sink_mt>(s) || is<ansicolor_stdout_sink_st>(s) ||
        is<stdout_sink_mt>(s) || is<stdout_sink_st>(s)) {
      return true;
    }
    if ((is<ansicolor_stderr_sink_mt>(s) || is<ansicolor_stderr_sink_st>(s) ||
         is<stderr_sink_mt>(s) || is<stderr_sink_st>(s)) &&
        same_file(fileno(stdout), fileno(stderr))) {
      return true;
    }
  }
  return false;
}

}  // namespace

void SummaryCounts::add(std::int64_t stream, std::uint64_t faces,
                        const std::vector<std::int64_t>& track_ids, Clock::time_point at) {
  Stream& s = streams_[stream];
  if (s.frames == 0) s.first = at;
  s.last = at;
  ++s.frames;
  s.faces += faces;
  s.tracks.insert(track_ids.begin(), track_ids.end());
}

std::vector<SummaryRow> SummaryCounts::rows() const {
  std::vector<SummaryRow> out;
  SummaryRow total;
  total.stream = "total";
  Clock::time_point first = Clock::time_point::max();
  Clock::time_point last = Clock::time_point::min();
  for (const auto& [id, s] : streams_) {
    out.push_back({.stream = std::to_string(id),
                   .frames = s.frames,
                   .faces = s.faces,
                   .tracks = s.tracks.size(),
                   .fps = rate(s.frames, s.last - s.first)});
    total.frames += s.frames;
    total.faces += s.faces;
    total.tracks += s.tracks.size();
    first = std::min(first, s.first);
    last = std::max(last, s.last);
  }
  if (!streams_.empty()) total.fps = rate(total.frames, last - first);
  out.push_back(total);
  return out;
}

std::string format_summary(std::string_view title, const std::vector<SummaryRow>& rows) {
  constexpr std::size_t kColumns = 5;
  std::vector<std::array<std::string, kColumns>> cells;
  cells.push_back({"stream", "frames", "faces", "tracks", "fps"});
  for (const SummaryRow& r : rows) {
    cells.push_back({r.stream, std::to_string(r.frames), std::to_string(r.faces),
                     std::to_string(r.tracks), r.fps ? fmt::format("{:.1f}", *r.fps) : "-"});
  }
  // Right-aligned columns as wide as their widest cell; fps gets room for "999.9".
  std::array<std::size_t, kColumns> width{0, 0, 0, 0, 5};
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], line[c].size());
  }
  std::string out;
  if (!title.empty()) fmt::format_to(std::back_inserter(out), "{}\n", title);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < kColumns; ++c) {
      fmt::format_to(std::back_inserter(out), "{}{:>{}}", c == 0 ? "" : "  ", line[c], width[c]);
    }
    out += '\n';
  }
  return out;
}

SummaryNode::SummaryNode(const NodeConfig& config) : title_(config.arg(kTitle)) {}

void SummaryNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

void SummaryNode::count(const Envelope& e) {
  std::uint64_t faces = 0;
  std::vector<std::int64_t> ids;
  if (e.msg().is_map()) {
    const Map& msg = e.msg().as_map();
    const Value* items = msg.find("items");
    if (items != nullptr && items->is_list()) faces = items->as_list().size();
    if (std::optional<std::vector<Track>> tracks = tracks_of(msg, "Summary")) {
      for (const Track& t : *tracks) ids.push_back(t.id);
    }
  }
  counts_.add(stream_of(e), faces, ids, SummaryCounts::Clock::now());
}

void SummaryNode::report(const Context& ctx) const {
  const std::string table = format_summary(title_, counts_.rows());
  std::fputs(table.c_str(), stdout);
  std::fflush(stdout);
  if (!log_goes_to_stdout()) {
    std::string_view body(table);
    if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    spdlog::info("{}: summary\n{}", ctx.path(), body);
  }
}

// NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): the graph owns ctx
Task<> SummaryNode::exec(Context& ctx) {
  while (std::optional<Envelope> e = co_await in_->recv()) {
    if (!e->empty()) count(*e);
    co_await out_->send(std::move(*e));
  }
  if (in_->ended()) report(ctx);  // not at a flush marker: other streams go on
}

}  // namespace rill::vision
