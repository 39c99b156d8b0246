// Thread settings: thread_count / thread_list and SCHED_* priorities.

#include <climits>

#include <rill/core/limits.hpp>

#include "json/schema_reader.hpp"

namespace rill::config::json_fe {
namespace {

constexpr std::int64_t kMaxUserThreadIndex = 999;  // 1000-1099 reserved, 1100+ XStream's own

}  // namespace

void read_threads(FieldReader& r, WorkflowNode* node) {
  const JsonNode* count = r.get("thread_count");
  const JsonNode* list = r.get("thread_list");
  node->threads_declared = count != nullptr || list != nullptr;
  if (count != nullptr && list != nullptr) {
    r.error(list->loc, "thread_count and thread_list are mutually exclusive", "thread_list");
    return;
  }
  std::int64_t n = 1;
  if (count != nullptr && r.read_int("thread_count", 1, limits::kMaxExecutorThreads, &n)) {
    node->thread_count = static_cast<int>(n);
  }
  if (list == nullptr) return;
  if (!list->is_array()) {
    r.type_error(*list, "thread_list", "an array of thread indices");
    return;
  }
  if (list->items.empty()) {
    r.error(list->loc, "thread_list must not be empty", "thread_list");
    return;
  }
  std::vector<int> indices;
  for (const JsonNode& item : list->items) {
    std::optional<std::int64_t> idx = item.as_integer();
    if (!idx) {
      r.type_error(item, "thread_list element", "an integer thread index");
    } else if (*idx < 0 || *idx > kMaxUserThreadIndex) {
      r.error(item.loc,
              "thread_list index " + std::to_string(*idx) +
                  " is outside the user range 0..999 (1000-1099 are reserved, 1100 and up are "
                  "the SDK's own threads)",
              "thread_list");
    } else {
      indices.push_back(static_cast<int>(*idx));
    }
  }
  if (indices.size() != list->items.size()) return;
  node->thread_count = static_cast<int>(indices.size());
  node->thread_list = std::move(indices);
}

std::optional<ThreadPriority> read_thread_priority(const JsonNode& v, const std::string& key,
                                                   const std::string& what, Diagnostics& diags) {
  if (!v.is_object()) {
    diags.error(v.loc,
                what + " must be an object {\"policy\": ..., \"priority\": ...}, got " +
                    std::string(kind_name(v)),
                key);
    return std::nullopt;
  }
  FieldReader r(v, key, what, diags);
  ThreadPriority out;
  out.loc = v.loc;
  std::string policy;
  SourceLoc policy_loc;
  if (r.read_name("policy", &policy, &policy_loc) && !parse_sched_policy(policy, &out.policy)) {
    r.error(policy_loc,
            "unknown policy '" + policy +
                "' (expected SCHED_OTHER, SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH or "
                "SCHED_IDLE)",
            "policy");
  }
  std::int64_t priority = 0;
  if (r.get("priority") == nullptr) {
    r.error(v.loc, "missing required key 'priority'", "priority");
  } else if (!r.failed()) {
    bool realtime = out.policy == SchedPolicy::kFifo || out.policy == SchedPolicy::kRr;
    // FIFO/RR priorities are what the kernel accepts; the others ignore the value.
    if (r.read_int("priority", realtime ? 1 : INT_MIN, realtime ? 99 : INT_MAX, &priority)) {
      out.priority = static_cast<int>(priority);
    }
  } else {
    r.read_int("priority", INT_MIN, INT_MAX, &priority);
  }
  if (r.failed()) return std::nullopt;
  return out;
}

}  // namespace rill::config::json_fe
