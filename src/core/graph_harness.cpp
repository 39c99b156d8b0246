// GraphHarness: a Graph whose default executor is a ManualExecutor the test steps.

#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "harness_ends.hpp"
#include "rill/core/testing.hpp"

namespace rill::testing {

struct GraphHarness::Impl {
  std::shared_ptr<ManualExecutor> manual = std::make_shared<ManualExecutor>();
  std::unique_ptr<Graph> graph;
  bool started = false;
  std::map<std::string, Sender<Envelope>, std::less<>> ins;
  std::map<std::string, detail::HarnessOutEnd, std::less<>> outs;

  Sender<Envelope>& in(std::string_view name) {
    auto it = ins.find(name);
    if (it == ins.end()) throw std::out_of_range(fmt::format("harness: no graph input {}", name));
    return it->second;
  }
  detail::HarnessOutEnd& out(std::string_view name) {
    auto it = outs.find(name);
    if (it == outs.end()) throw std::out_of_range(fmt::format("harness: no graph output {}", name));
    return it->second;
  }
};

GraphHarness::GraphHarness(const GraphSpec& spec, std::shared_ptr<const Registry> registry)
    : impl_(std::make_unique<Impl>()) {
  GraphOptions options;
  options.executor = impl_->manual;
  Diagnostics diags;
  impl_->graph = Graph::create(spec, std::move(registry), diags, std::move(options));
  if (!impl_->graph) throw std::invalid_argument(diags.format());
  // Taken now: the ends a graph still holds at start() close (inputs) or discard (outputs).
  for (const auto& name : impl_->graph->input_names()) {
    impl_->ins.emplace(name, impl_->graph->input(name));
  }
  for (const auto& name : impl_->graph->output_names()) {
    impl_->outs.emplace(name, detail::HarnessOutEnd{impl_->graph->output(name)});
  }
}

GraphHarness::~GraphHarness() {
  // A destructor must not throw; a harness that cannot wind its graph down says so instead.
  try {
    wind_down();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rill::testing::GraphHarness: winding down failed: %s\n", e.what());
  }
}

void GraphHarness::wind_down() {
  if (!impl_->started) {
    // Never started: tearing it down would wake its shared-node forwarders on the manual
    // executor, which only we run. Start it and stop it before a node ran (sources end at their
    // first send), then step it to the end like any other.
    start();
    impl_->graph->stop();
  }
  if (!impl_->graph->finished()) {
    close_inputs();
    impl_->graph->stop();
    // Outputs are emptied as it goes, or a graph blocked on a full output would never end.
    while (!run_until_finished(std::chrono::milliseconds(100))) {
      for (auto& [name, end] : impl_->outs) end.take();
    }
  }
  // What ended last (completion callbacks, routers) may still be queued: the Graph's destructor
  // waits for every task of the graph to be gone, and nothing else would run them.
  drain();
}

void GraphHarness::start() {
  impl_->started = true;
  impl_->graph->start();
}

SendStatus GraphHarness::send(std::string_view input, Envelope e) {
  return impl_->in(input).try_send(e);
}

void GraphHarness::send_marker(std::string_view input) { impl_->in(input).send_marker(); }

void GraphHarness::close(std::string_view input) { impl_->in(input).release(); }

void GraphHarness::close_inputs() {
  for (auto& [name, s] : impl_->ins) s.release();
}

void GraphHarness::stop() { impl_->graph->stop(); }

bool GraphHarness::step() { return impl_->manual->run_one(); }

std::size_t GraphHarness::drain() { return impl_->manual->drain(); }

bool GraphHarness::run_until_finished(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::size_t ran = drain();
    if (finished()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Timers and other executors wake the graph's nodes from other threads.
    if (ran == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

std::vector<Envelope> GraphHarness::take(std::string_view output) {
  return impl_->out(output).take();
}

std::size_t GraphHarness::markers(std::string_view output) const {
  return impl_->out(output).markers;
}

bool GraphHarness::ended(std::string_view output) const { return impl_->out(output).ended; }

bool GraphHarness::finished() const { return impl_->graph->finished(); }

RunResult GraphHarness::result() const {
  auto r = impl_->graph->wait_for(std::chrono::milliseconds(0));
  return r ? *r : RunResult{false, "", "the graph has not finished"};
}

Graph& GraphHarness::graph() { return *impl_->graph; }

}  // namespace rill::testing
