// JsonLines: one JSON object per message into a file, the message passed on.

#include <stdexcept>

#include "builtin_nodes.hpp"
#include "json_record.hpp"
#include "line_file.hpp"

namespace rill::nodes {

JsonLines::JsonLines(const NodeConfig& config)
    : path_(config.arg(kPath)), append_(config.arg(kAppend)) {}

JsonLines::~JsonLines() = default;

void JsonLines::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
  // The driver prefixes the node's path to what init throws.
  if (path_.empty()) throw std::invalid_argument("JsonLines: `path` is empty");
  try {
    file_ = LineFile::open(path_, append_);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("JsonLines: ") + e.what());
  }
}

// NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): the graph owns ctx
Task<> JsonLines::exec(Context& ctx) {
  for (;;) {
    std::optional<Envelope> e;
    const auto due = file_->flush_due();
    if (due == std::chrono::steady_clock::time_point::max()) {
      e = co_await inp_->recv();
    } else {
      // Lines are waiting: wake by their deadline even if nothing else arrives, so a quiet
      // stream's last results still reach the file within a second.
      RecvResult<Envelope> r = co_await inp_->recv_for(due - std::chrono::steady_clock::now());
      if (r.status == RecvStatus::kTimeout) {
        file_->flush();
        continue;
      }
      e = std::move(r.value);
    }
    if (!e) break;  // end-of-stream or a flush marker
    if (!e->empty()) file_->write(json_line(*e));
    co_await out_->send(std::move(*e));
  }
  // A marker ends one client's stream of a shared node; end-of-stream ends ours: either way,
  // what that stream produced is on disk now.
  file_->flush();
}

void JsonLines::finalize(Context& ctx) {
  if (file_) file_->flush();
}

}  // namespace rill::nodes
