// register_builtin_nodes / builtin_registry: the built-in node types under MegFlow's names.

#include <memory>

#include "builtin_nodes.hpp"
#include "rill/core/registry.hpp"

namespace rill {

void register_builtin_nodes(Registry& registry) {
  using namespace rill::nodes;  // NOLINT(google-build-using-namespace): local to this function
  registry.add<Transform>("Transform", "forwards every envelope unchanged");
  registry.add<Transform>("Noop", "forwards every envelope unchanged");
  registry.add<NoopProducer>("NoopProducer", "emits nothing and finishes");
  registry.add<NoopConsumer>("NoopConsumer", "discards its input");
  registry.add<Bcast>("Bcast", "sends each envelope to every output end");
  registry.add<Demux>("Demux",
                      "routes by to_addr to the output with that tag; unknown tags are dropped");
  registry.add<DynDemux>("DynDemux",
                         "one dynamic subgraph instance per to_addr; an empty envelope closes it");
  registry.add<Reorder>("Reorder", "restores partial_id order 0, 1, 2, ...");
  registry.add<Batch>("Batch",
                      "groups up to batch_size envelopes (or what arrived within timeout ms) "
                      "into one List envelope");
  registry.add<JsonLines>("JsonLines",
                          "writes each message as one JSON line to `path` (frames described, not "
                          "dumped) and passes it on");
  registry.add<DynOutTransform>("DynOutTransform",
                                "feeds its input into one dynamic subgraph instance");
  registry.add<DynInTransform>("DynInTransform",
                               "merges the outputs of all dynamic subgraph instances");
}

std::shared_ptr<const Registry> builtin_registry() {
  // Built once, on first use (thread-safe static init), then shared read-only.
  static const std::shared_ptr<const Registry> registry = [] {
    auto r = std::make_shared<Registry>();
    register_builtin_nodes(*r);
    return r;
  }();
  return registry;
}

}  // namespace rill
