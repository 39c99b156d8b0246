// render_dot: GraphModel → Graphviz DOT. Clusters are `subgraph "cluster_<id>"` (the prefix is
// what makes Graphviz draw a box); main-graph inputs/outputs are black circles as in MegFlow's
// dump; shared nodes are double-bordered and dashed.

#include <fmt/format.h>

#include "graph_model.hpp"

namespace rill::cli {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string attributes(const DrawNode& n) {
  switch (n.kind) {
    case DrawKind::kNode:
      return fmt::format("label={}", quote(n.label));
    case DrawKind::kShared:
      return fmt::format("label={}, style=dashed, peripheries=2", quote(n.label));
    case DrawKind::kPort:
      return fmt::format("label={}, shape=ellipse", quote(n.label));
    case DrawKind::kGraphIo:
      return fmt::format("label={}, shape=circle, style=filled, fillcolor=black, fontcolor=white",
                         quote(n.label));
    case DrawKind::kJunction:
      return "shape=point";
  }
  return {};
}

void cluster_body(const DrawCluster& c, int depth, std::string& out) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  for (const auto& n : c.nodes) out += fmt::format("{}{} [{}];\n", pad, quote(n.id), attributes(n));
  for (const auto& sub : c.clusters) {
    out += fmt::format("{}subgraph {} {{\n", pad, quote("cluster_" + sub.id));
    const char* style = sub.shared ? "rounded,dashed" : sub.dynamic ? "rounded,dotted" : "rounded";
    out += fmt::format("{}  label={};\n{}  style=\"{}\";\n{}  color=grey50;\n", pad,
                       quote(sub.label), pad, style, pad);
    cluster_body(sub, depth + 1, out);
    out += pad + "}\n";
  }
}

}  // namespace

std::string render_dot(const GraphModel& model) {
  std::string out = fmt::format("digraph {} {{\n", quote(model.name));
  out += "  rankdir=LR;\n  node [shape=box];\n";
  cluster_body(model.root, 1, out);
  for (const auto& e : model.edges) {
    std::string attrs;
    if (!e.label.empty()) attrs = "label=" + quote(e.label);
    if (!e.directed) attrs += attrs.empty() ? "dir=none" : ", dir=none";
    out += fmt::format("  {} -> {}{};\n", quote(e.from), quote(e.to),
                       attrs.empty() ? "" : " [" + attrs + "]");
  }
  out += "}\n";
  return out;
}

}  // namespace rill::cli
