// run_command: load → plan → start → wait, with SIGINT/SIGTERM turned into Graph::stop().

#include <iostream>

#include <rill/core/graph.hpp>

#include "commands.hpp"
#include "counters_table.hpp"
#include "exit_codes.hpp"
#include "graph_png.hpp"
#include "signal_watcher.hpp"

namespace rill::cli {

int run_command(const RunOptions& options) {
  // First of all, before plugins (whose initialisers might) or Graph::create start threads:
  // every thread must inherit the blocked mask, or a signal could land on one of them instead of
  // the watcher's signalfd. A signal during loading stays pending and stops the run at once.
  SignalWatcher::block_termination_signals();
  Diagnostics diags;
  std::optional<LoadedConfig> loaded = load_config(options.source, diags);
  if (loaded && !options.dump_png_path.empty()) {
    write_graph_png(*loaded, options.dump_png_path, diags);  // failures are warnings only
  }
  std::unique_ptr<Graph> graph;
  if (loaded) graph = Graph::create(loaded->spec, loaded->registry, diags);
  print_diagnostics(diags, std::cerr);
  if (!graph) return kExitConfigError;

  graph->start();
  RunResult result;
  {
    // Graph::stop() only flags sources and closes inputs; the drain itself happens in wait().
    SignalWatcher watcher([&graph](int) { graph->stop(); });
    result = graph->wait();
  }
  std::cout.flush();
  if (options.dump_counters) std::cout << format_counters_table(graph->snapshot()) << std::flush;
  if (!result.ok) {
    std::cerr << "rill: error: " << result.format() << std::endl;
    return kExitRunError;
  }
  return kExitOk;
}

}  // namespace rill::cli
