// Recursive include loading and merging.

#include "toml/include_resolver.hpp"

#include <algorithm>

#include "text_file.hpp"
#include "toml/fragment_loader.hpp"

namespace rill::config::toml_fe {
namespace fs = std::filesystem;
namespace {

template <typename T>
void append(std::vector<T>* into, const std::vector<T>& from) {
  into->insert(into->end(), from.begin(), from.end());
}

std::string canonical_id(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? fs::absolute(p, ec).lexically_normal().string() : c.string();
}

}  // namespace

std::optional<ConfigFragment> IncludeResolver::load(const std::string& text,
                                                    const std::string& file,
                                                    const fs::path& base_dir,
                                                    const std::string& identity) {
  std::optional<ConfigFragment> root = load_fragment(text, file, context_, diags_);
  if (!root) return std::nullopt;
  if (!identity.empty()) seen_.emplace(identity, "");
  chain_.push_back(file);
  chain_ids_.push_back(identity);
  ConfigFragment merged = *root;
  merge_includes(*root, base_dir, &merged);
  chain_.pop_back();
  chain_ids_.pop_back();
  return merged;
}

void IncludeResolver::merge_includes(const ConfigFragment& from, const fs::path& base_dir,
                                     ConfigFragment* into) {
  for (const IncludeRef& inc : from.includes) load_include(inc, base_dir, into);
}

void IncludeResolver::load_include(const IncludeRef& inc, const fs::path& base_dir,
                                   ConfigFragment* into) {
  if (inc.path.empty()) {
    diags_.error(inc.loc, "include path must not be empty", "include");
    return;
  }
  fs::path written(inc.path);
  fs::path resolved = written.is_absolute() || base_dir.empty() ? written : base_dir / written;
  std::string display = resolved.lexically_normal().string();
  std::string id = canonical_id(resolved);

  if (auto first = seen_.find(id); first != seen_.end()) {
    if (std::find(chain_ids_.begin(), chain_ids_.end(), id) != chain_ids_.end()) {
      std::string chain;
      for (const std::string& c : chain_) chain += c + " -> ";
      diags_.error(inc.loc, "cyclic include: " + chain + display, "include");
    } else {
      // A diamond is no cycle, but loading the file twice would define everything in it twice.
      diags_.error(inc.loc,
                   display + " is included more than once (first by " + first->second + ")",
                   "include");
    }
    return;
  }
  std::string text;
  std::string why;
  if (!read_text_file(resolved.string(), &text, &why)) {
    diags_.error(inc.loc, "cannot read included file " + display + ": " + why, "include");
    return;
  }
  seen_.emplace(id, chain_.back());
  std::optional<ConfigFragment> frag = load_fragment(text, display, context_, diags_);
  if (!frag) return;
  append(&into->graphs, frag->graphs);
  append(&into->nodes, frag->nodes);
  append(&into->resources, frag->resources);
  append(&into->executors, frag->executors);
  chain_.push_back(display);
  chain_ids_.push_back(id);
  merge_includes(*frag, resolved.parent_path(), into);
  chain_.pop_back();
  chain_ids_.pop_back();
}

}  // namespace rill::config::toml_fe
