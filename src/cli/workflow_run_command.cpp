// workflow_run_command: `rill run -c FILE.json` — load the method plugins and the workflow, open
// it, feed it generated frames, wait for every output group, and report.

#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include <rill/config/workflow.hpp>
#include <rill/sdk/workflow.hpp>

#include "commands.hpp"
#include "counters_table.hpp"
#include "exit_codes.hpp"
#include "graph_model.hpp"
#include "graph_png.hpp"
#include "hobotxstream/profiler.h"
#include "output_tally.hpp"
#include "signal_watcher.hpp"

namespace rill::cli {

namespace {

/// Frames submitted but not delivered, at most: without a bound an endless run (`--frames 0`)
/// against a slow workflow would queue frames until memory ran out. A workflow's own
/// max_running_count may be lower; submit() then refuses and the feeder retries.
constexpr std::uint64_t kMaxUndelivered = 64;

/// Frame `index`: one fresh, empty datum per declared workflow input, on source
/// index mod source_number (so multi-source workflows see every source).
sdk::FrameInput make_frame(const config::WorkflowSpec& spec, std::uint64_t index) {
  sdk::FrameInput in;
  for (const std::string& slot : spec.inputs) {
    auto datum = std::make_shared<sdk::Data>();
    datum->name_ = slot;
    in.datas_.push_back(std::move(datum));
  }
  in.source_id_ =
      static_cast<std::uint32_t>(index % static_cast<std::uint64_t>(spec.source_number));
  return in;
}

struct FeedResult {
  std::uint64_t submitted = 0;
  bool stopped = false;                 ///< ended by SIGINT/SIGTERM
  std::optional<std::int64_t> refused;  ///< submit()'s error code when a frame was refused
};

FeedResult feed(sdk::Workflow& wf, const config::WorkflowSpec& spec, std::uint64_t frames,
                OutputTally& tally) {
  FeedResult r;
  while (frames == 0 || r.submitted < frames) {
    tally.wait_for_room(r.submitted, kMaxUndelivered);
    if (tally.stop_requested()) {
      r.stopped = true;
      return r;
    }
    const sdk::FrameInput in = make_frame(spec, r.submitted);
    std::int64_t rc = wf.submit(in);
    while (rc == sdk::kTooManyInFlight && !tally.stop_requested()) {
      // max_running_count reached: completions free room soon, and nothing signals them here.
      const bool idle = wf.frames_in_flight() == 0;
      if (!idle) std::this_thread::sleep_for(std::chrono::microseconds(200));
      rc = wf.submit(in);
      // Refused with nothing in flight (max_running_count 0): no completion will make room.
      if (idle && rc == sdk::kTooManyInFlight) break;
    }
    if (rc == sdk::kTooManyInFlight && tally.stop_requested()) continue;  // loop ends above
    if (rc < 0) {
      r.refused = rc;
      return r;
    }
    ++r.submitted;
  }
  return r;
}

void print_summary(const std::string& file, const FeedResult& fed, double ms,
                   const std::vector<OutputTally::Group>& groups) {
  std::cout << fmt::format("{}: {} frames{}, {:.1f} ms\n", file, fed.submitted,
                           fed.stopped ? " (stopped by signal)" : "", ms);
  for (const auto& g : groups) {
    std::cout << fmt::format("  group {}: {} delivered, {} with errors", g.name, g.delivered,
                             g.with_errors);
    if (g.with_errors > 0) std::cout << " (first: " << g.first_error << ")";
    std::cout << '\n';
  }
  std::cout.flush();
}

/// Prints one line per node that failed (threw, or returned too few outputs); true if any did.
bool report_failed_nodes(const std::vector<NodeStats>& stats) {
  bool any = false;
  for (const auto& s : stats) {
    if (s.errors == 0) continue;
    any = true;
    std::cerr << fmt::format("rill: error: node '{}' ({}) failed {} of {} calls\n", s.path, s.type,
                             s.errors, s.calls);
  }
  std::cerr.flush();
  return any;
}

}  // namespace

int workflow_run_command(const RunOptions& options) {
  const std::string& path = options.source.config_path;
  // Before any plugin initialiser or node thread exists, as in run_command: every thread must
  // inherit the blocked mask so the signals reach the watcher's signalfd only.
  SignalWatcher::block_termination_signals();
  Diagnostics diags;
  if (!load_method_libraries(options.source, diags)) {
    std::cerr << diags.format() << std::flush;
    return kExitConfigError;
  }
  config::WorkflowLoad load = config::load_workflow_file(path, diags);
  if (!load.spec) {
    std::cerr << diags.format() << std::flush;
    return kExitConfigError;
  }
  const config::WorkflowSpec& spec = *load.spec;
  std::vector<std::string> group_names;
  for (const auto& g : spec.outputs) group_names.push_back(g.name);
  // Declared before the workflow: its callback thread uses the tally until the workflow is gone.
  OutputTally tally(group_names);
  auto wf = std::make_unique<sdk::Workflow>();
  wf->set_output_callback([&tally](sdk::FrameOutputPtr out) { tally.record(*out); });
  const int rc = wf->open(spec, sdk::WorkflowOptions{}, diags);
  // megflow_run --dump: MegFlow's drawing, once the workflow validated and opened.
  if (rc == 0 && !options.dump_png_path.empty()) {
    write_graph_png(build_workflow_model(spec), options.dump_png_path, diags);
  }
  std::cerr << diags.format() << std::flush;
  if (rc != 0) return kExitConfigError;
  for (const std::string& w : wf->warnings()) std::cerr << "rill: warning: " << w << '\n';

  const bool tracing = !options.trace_path.empty();
  if (tracing) {
    if (!wf->profiler()->SetOutputFile(options.trace_path)) {
      std::cerr << options.trace_path << ": error: cannot open the trace output" << std::endl;
      return kExitConfigError;
    }
    // XStream's profiler keeps only DoProcess calls longer than cycle_ms microseconds (3 ms by
    // default; its setter refuses less than 1); a trace of node activations wants every call, as
    // for TOML graphs. Node threads already exist: stored as the profiler reads it, atomically.
    std::atomic_ref<int>(TimeStatisticInfo::cycle_ms).store(-1);
    wf->profiler()->Start();
  }
  if (options.frames == 0) std::cerr << "rill: feeding frames until SIGINT/SIGTERM" << std::endl;
  const auto t0 = std::chrono::steady_clock::now();
  FeedResult fed;
  {
    SignalWatcher watcher([&tally](int) { tally.request_stop(); });
    fed = feed(*wf, spec, options.frames, tally);
    // Drain: what was accepted is delivered even after a stop request (a second signal quits).
    tally.wait_delivered(fed.submitted);
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (tracing) {
    wf->write_profile_summary();
    wf->profiler()->Stop();
  }
  const std::vector<sdk::NodeStats> stats = wf->node_stats();
  // Destroying the workflow finalises the methods and makes the profiler rewrite its file as a
  // chrome trace; both must happen before the process reports and exits.
  wf.reset();

  print_summary(path, fed, ms, tally.groups());
  if (options.dump_counters) {
    std::cout << format_counters_table(stats) << std::flush;
  }
  if (tracing) {
    std::cerr << "rill: trace written to " << options.trace_path
              << " (Chrome/Perfetto trace-event JSON)" << std::endl;
  }
  bool failed = report_failed_nodes(stats);
  if (fed.refused) {
    std::cerr << fmt::format("rill: error: the workflow refused frame {} (code {})\n",
                             fed.submitted, *fed.refused);
    failed = true;
  }
  return failed ? kExitRunError : kExitOk;
}

}  // namespace rill::cli
