// register_builtin_nodes / builtin_registry: the built-in node types under MegFlow's names.

#include <memory>

#include "builtin_nodes.hpp"
#include "rill/core/registry.hpp"

namespace rill {

void register_builtin_nodes(Registry& registry) {
  using namespace rill::nodes;  // NOLINT(google-build-using-namespace): local to this function
  registry.add<Transform>("Transform", {"inp"}, {"out"}, "forwards every envelope unchanged");
  registry.add<Transform>("Noop", {"inp"}, {"out"}, "forwards every envelope unchanged");
  registry.add<NoopProducer>("NoopProducer", {}, {"out"}, "emits nothing and finishes");
  registry.add<NoopConsumer>("NoopConsumer", {"inp"}, {}, "discards its input");
  registry.add<Bcast>("Bcast", {"inp"}, {"out:[]"}, "sends each envelope to every output end");
  registry.add<Demux>("Demux", {"inp"}, {"out:{}"},
                      "routes by to_addr to the output with that tag; unknown tags are dropped");
  registry.add<DynDemux>("DynDemux", {"inp"}, {"out:dyn"},
                         "one dynamic subgraph instance per to_addr; an empty envelope closes it");
  registry.add<Reorder>("Reorder", {"inp"}, {"out"}, "restores partial_id order 0, 1, 2, ...");
  registry.add<Batch>("Batch", {"inp"}, {"out"},
                      "groups up to batch_size envelopes (or what arrived within timeout ms) "
                      "into one List envelope");
  registry.add<DynOutTransform>("DynOutTransform", {"inp"}, {"out:dyn"},
                                "feeds its input into one dynamic subgraph instance");
  registry.add<DynInTransform>("DynInTransform", {"inp:dyn"}, {"out"},
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
