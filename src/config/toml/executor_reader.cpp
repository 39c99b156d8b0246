// `[[executors]]` tables (rill extension: named thread pools with scheduling options).

#include <climits>

#include <rill/core/limits.hpp>

#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

std::optional<ExecutorSpec> read_executor(const toml::table& t, ReadContext ctx) {
  TableReader r(t, "executor", "executors", ctx);
  ExecutorSpec ex;
  ex.loc = r.loc();
  bool named = r.read_name("name", &ex.options.name, Need::kRequired);
  std::int64_t v = 0;
  if (r.read_int_in("threads", 0, limits::kMaxExecutorThreads, &v, Need::kOptional)) {
    ex.options.threads = static_cast<int>(v);
  }
  std::string policy;
  SourceLoc policy_loc;
  if (r.read_string("policy", &policy, Need::kOptional, &policy_loc) &&
      !parse_sched_policy(policy, &ex.options.policy)) {
    r.error(policy_loc,
            "policy must be one of SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, "
            "got '" +
                policy + "'",
            "policy");
  }
  if (r.read_int_in("priority", 0, 99, &v, Need::kOptional)) {
    ex.options.priority = static_cast<int>(v);
  }
  if (const toml::array* cpus = r.read_array("cpus", Need::kOptional)) {
    std::size_t i = 0;
    for (const toml::node& c : *cpus) {
      std::string key = "cpus[" + std::to_string(i++) + "]";
      if (!c.is_integer()) {
        r.type_error(c, key, "an integer");
      } else if (c.as_integer()->get() < 0 || c.as_integer()->get() > INT_MAX) {
        r.error(r.loc_of(c), key + " must be a CPU number (0 or more)", "cpus");
      } else {
        ex.options.cpu_affinity.push_back(static_cast<int>(c.as_integer()->get()));
      }
    }
  }
  r.reject_rest({"name", "threads", "policy", "priority", "cpus"});
  if (!named) return std::nullopt;
  return ex;
}

}  // namespace rill::config::toml_fe
