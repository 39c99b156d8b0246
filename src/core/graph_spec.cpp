#include "rill/core/graph_spec.hpp"

namespace rill {

bool parse_on_error(std::string_view text, OnError* out) {
  if (text == "stop") {
    *out = OnError::kStop;
  } else if (text == "skip") {
    *out = OnError::kSkip;
  } else if (text == "restart") {
    *out = OnError::kRestart;
  } else {
    return false;
  }
  return true;
}

std::string_view to_string(OnError e) {
  switch (e) {
    case OnError::kStop:
      return "stop";
    case OnError::kSkip:
      return "skip";
    case OnError::kRestart:
      return "restart";
  }
  return "?";
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::vector<std::string> NodeSpec::alternatives() const {
  std::vector<std::string> out;
  std::string_view rest = type;
  for (;;) {
    auto bar = rest.find('|');
    out.emplace_back(trim(rest.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return out;
}

namespace {

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  for (const auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

}  // namespace

const NodeSpec* GraphDef::find_node(std::string_view name) const { return find_named(nodes, name); }

const GraphDef* GraphSpec::find_graph(std::string_view name) const {
  return find_named(graphs, name);
}

const NodeSpec* GraphSpec::find_global_node(std::string_view name) const {
  return find_named(nodes, name);
}

const SourceLoc& NodeSpec::arg_loc(std::string_view key) const {
  for (const auto& [k, loc] : arg_locs) {
    if (k == key) return loc;
  }
  return loc;
}

}  // namespace rill
