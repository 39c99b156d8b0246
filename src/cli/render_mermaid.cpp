// render_mermaid: GraphModel → Mermaid `flowchart LR`. Mermaid ids cannot hold '/' or ':', so
// nodes get short ids (n0, n1, ...) in drawing order and the labels carry the names; shared
// nodes use the double-bordered "subroutine" shape.

#include <map>

#include <fmt/format.h>

#include "graph_model.hpp"

namespace rill::cli {

namespace {

/// Mermaid labels in double quotes: quotes become entities, newlines <br/>.
std::string text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '\n') {
      out += "<br/>";
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string shape(const DrawNode& n) {
  switch (n.kind) {
    case DrawKind::kNode:
      return "[" + text(n.label) + "]";
    case DrawKind::kShared:
      return "[[" + text(n.label) + "]]";
    case DrawKind::kPort:
      return "([" + text(n.label) + "])";
    case DrawKind::kGraphIo:
      return "((" + text(n.label) + "))";
    case DrawKind::kJunction:
      return "((\" \"))";
  }
  return {};
}

class MermaidWriter {
 public:
  std::string write(const GraphModel& model) {
    out_ = "flowchart LR\n";
    body(model.root, 1);
    for (const auto& e : model.edges) {
      const char* arrow = e.directed ? "-->" : "---";
      if (e.label.empty()) {
        out_ += fmt::format("  {} {} {}\n", ids_[e.from], arrow, ids_[e.to]);
      } else {
        out_ += fmt::format("  {} {}|{}| {}\n", ids_[e.from], arrow, text(e.label), ids_[e.to]);
      }
    }
    return out_;
  }

 private:
  void body(const DrawCluster& c, int depth) {
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    for (const auto& n : c.nodes) {
      std::string id = fmt::format("n{}", ids_.size());
      ids_[n.id] = id;
      out_ += pad + id + shape(n) + "\n";
    }
    for (const auto& sub : c.clusters) {
      out_ += fmt::format("{}subgraph c{}[{}]\n", pad, clusters_++, text(sub.label));
      body(sub, depth + 1);
      out_ += pad + "end\n";
    }
  }

  std::string out_;
  std::map<std::string, std::string> ids_;
  int clusters_ = 0;
};

}  // namespace

std::string render_mermaid(const GraphModel& model) { return MermaidWriter().write(model); }

}  // namespace rill::cli
