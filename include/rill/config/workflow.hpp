#pragma once
// The XStream front-end: JSON workflows (flat v1.0 and templated v1.1) loaded, expanded and
// validated into a WorkflowSpec, the plan rill::sdk::Workflow runs. Method types are not checked
// here: which exist depends on the plugins a program links or loads (rill::sdk).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>
#include <rill/core/executor.hpp>

namespace rill::config {

/// A SCHED_* policy and priority for a thread (`thread_priority`, `optional.sched_upper/down`).
struct ThreadPriority {
  SchedPolicy policy = SchedPolicy::kOther;
  int priority = 0;  ///< applied for FIFO/RR only
  SourceLoc loc;
};

/// One node after expansion.
struct WorkflowNode {
  std::string unique_name;
  std::string method_type;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  /// Threads serving the node: `thread_count`, or the size of `thread_list`; 1 when neither.
  int thread_count = 1;
  /// The node has `thread_count` or `thread_list`: its instances are bound to OS threads of its
  /// own as in XStream. Without them rill runs the node on shared workers (rill::sdk docs).
  bool threads_declared = false;
  /// `thread_list` indices (user range 0..999), shared by the nodes of one SDK instance; empty
  /// when the node has private threads (`thread_count` or neither key).
  std::vector<int> thread_list;
  std::optional<ThreadPriority> thread_priority;
  /// `method_config` written as JSON text (passed to Method::InitFromJsonString); nullopt when
  /// the node has none.
  std::optional<std::string> method_config;
  /// The argument of Method::Init: `method_config_file` joined to the top config's directory
  /// (a string value), the JSON text of a number or bool, or "" when absent.
  std::string method_config_file;
  /// `timeout_duration` in ms; 0 = none (values below 10 arm nothing, as in XStream).
  int timeout_ms = 0;
  SourceLoc loc;  ///< the node object (in a template or included file when it came from one)
};

/// One output group. A flat `outputs` array of strings is the single group
/// "__NODE_WHOLE_OUTPUT__".
struct OutputGroup {
  std::string name;
  std::vector<std::string> slots;
  SourceLoc loc;
};

struct WorkflowSpec {
  std::string file;        ///< the top config file ("<string>" for text)
  std::string config_dir;  ///< its directory with a trailing '/' ("./" when none)
  std::vector<std::string> inputs;
  /// Groups in config order (duplicates of one output_type: the last wins).
  std::vector<OutputGroup> outputs;
  bool multi_output = false;        ///< `outputs` was written as objects with output_type
  std::vector<WorkflowNode> nodes;  ///< in declaration (topological) order
  /// Frames accepted but not complete; INT64_MAX when absent or negative.
  std::int64_t max_running_count = INT64_MAX;
  int source_number = 1;  ///< values < 1 (or non-integers) become 1
  /// `optional.sched_upper` (result collection) and `optional.sched_down` (scheduling).
  std::optional<ThreadPriority> sched_upper;
  std::optional<ThreadPriority> sched_down;
};

/// The XStream Init return code a load failure corresponds to.
enum class WorkflowStatus : int {
  kOk = 0,
  kLoadError = -1,      ///< unreadable file, bad JSON, bad schema, any v1.1 expansion error
  kInputUnfed = 1,      ///< INPUT_UNFEED_ERROR
  kCircle = 3,          ///< WORKFLOW_CIRCLE_ERROR
  kOutputRepeated = 4,  ///< OUTPUT_REPEATED_ERROR
  kNodeName = 5,        ///< NODE_NAME_ERROR
};

struct WorkflowLoad {
  /// The code XStream's Init would return: the first failing check in XStream's order (load,
  /// then 5, 1, 3, 4). kOk exactly when `spec` is set.
  WorkflowStatus status = WorkflowStatus::kOk;
  std::optional<WorkflowSpec> spec;
  /// The flat workflow JSON after v1.1 expansion (what XStream keeps in XStreamConfig::cfg_jv_),
  /// pretty-printed with sorted keys; set whenever parsing and expansion succeeded, even when
  /// validation then failed. For a flat v1.0 file it is the file's JSON as parsed.
  std::optional<std::string> expanded_json;
};

/// Loads a workflow file: parse, v1.1 expansion, schema checks, graph validation.
/// Every problem is in `diags` as `FILE:LINE:COL: error: MESSAGE`, FILE being the file the
/// offending text was written in (a template or included file included); v1.1 expansion errors
/// also name XStream's internal code (e.g. "TEMPLATES_NAME_INVALID_ERROR 1106").
/// Thread safety: reentrant; reads files only.
WorkflowLoad load_workflow_file(const std::string& path, Diagnostics& diags);

/// Loads a workflow given as JSON text (XStream's `config_string` extension). Relative
/// `@include:` and `method_config_file` paths resolve against `base_dir` (empty = the current
/// directory); `virtual_name` names it in diagnostics (empty = "<string>").
WorkflowLoad load_workflow_string(const std::string& text, const std::string& virtual_name,
                                  const std::string& base_dir, Diagnostics& diags);

}  // namespace rill::config
