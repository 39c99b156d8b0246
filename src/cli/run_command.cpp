// run_command: load → plan → start → wait, with SIGINT/SIGTERM turned into Graph::stop().

#include <fstream>
#include <iostream>

#include <rill/core/graph.hpp>
#include <rill/core/trace.hpp>

#include "commands.hpp"
#include "counters_table.hpp"
#include "exit_codes.hpp"
#include "graph_model.hpp"
#include "graph_png.hpp"
#include "signal_watcher.hpp"

namespace rill::cli {

int run_command(const RunOptions& options) {
  if (is_workflow_path(options.source.config_path)) return workflow_run_command(options);
  // First of all, before plugins (whose initialisers might) or Graph::create start threads:
  // every thread must inherit the blocked mask, or a signal could land on one of them instead of
  // the watcher's signalfd. A signal during loading stays pending and stops the run at once.
  SignalWatcher::block_termination_signals();
  Diagnostics diags;
  std::optional<LoadedConfig> loaded = load_config(options.source, diags);
  GraphOptions graph_options;
  if (!options.trace_path.empty()) graph_options.trace = std::make_shared<TraceRecorder>();
  std::unique_ptr<Graph> graph;
  if (loaded) graph = Graph::create(loaded->spec, loaded->registry, diags, graph_options);
  // Drawn only once the graph validated: a config that will not run gets no picture.
  if (graph && !options.dump_png_path.empty()) {
    // Failures are warnings only.
    write_graph_png(build_graph_model(loaded->spec, loaded->registry.get()), options.dump_png_path,
                    diags);
  }
  print_diagnostics(diags, std::cerr);
  if (!graph) return kExitConfigError;
  // Opened before the run, so a path that cannot be written fails before anything runs.
  if (!options.trace_path.empty() && !std::ofstream(options.trace_path)) {
    std::cerr << options.trace_path << ": error: cannot open the trace output" << std::endl;
    return kExitConfigError;
  }

  graph->start();
  RunResult result;
  {
    // Graph::stop() only flags sources and closes inputs; the drain itself happens in wait().
    SignalWatcher watcher([&graph](int) { graph->stop(); });
    result = graph->wait();
  }
  std::cout.flush();
  if (options.dump_counters) {
    std::cout << format_counters_table(graph->snapshot()) << std::flush;
  }
  if (graph_options.trace) {
    std::string why;
    if (graph_options.trace->write(options.trace_path, &why)) {
      std::cerr << "rill: trace written to " << options.trace_path
                << " (Chrome/Perfetto trace-event JSON)" << std::endl;
    } else {
      std::cerr << options.trace_path << ": error: cannot write the trace: " << why << std::endl;
    }
  }
  if (!result.ok) {
    std::cerr << "rill: error: " << result.format() << std::endl;
    return kExitRunError;
  }
  return kExitOk;
}

}  // namespace rill::cli
