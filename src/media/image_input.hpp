#pragma once
// ImageInput (`inp` → `out`): MegFlow's offline image-folder source.
//
// Emits every image of `urls` as `{"data": BGR frame, "extra_data": file stem}` with partial_id
// counting from 0, then closes `out`; meanwhile it drains and discards `inp` (typically the
// pipeline's results), and ends when `inp` ends, so a loop out → pipeline → inp ends by itself.
// Beyond MegFlow: files are sorted, directories may be read recursively, urls may also be files
// or globs, images are decoded in parallel (in order on `out`), and a file that is not an image
// is skipped, logged and counted instead of ending the run.

#include <cstdint>
#include <string>
#include <vector>

#include "rill/core/node.hpp"

namespace rill::media {

class ImageInput final : public Node {
 public:
  static constexpr Input<> kIn{"inp", "results coming back (drained, discarded)"};
  static constexpr Output<Map> kOut{"out", "{data: BGR frame, extra_data: file stem}"};
  static constexpr ListArg kUrls{
      .name = "urls", .doc = "directories, image files or globs", .required = true};
  static constexpr BoolArg kRecursive{
      .name = "recursive", .def = false, .doc = "read directories' subdirectories too"};
  static constexpr BoolArg kProgress{
      .name = "progress", .def = true, .doc = "progress on stderr (a bar on a terminal)"};
  static Contract contract() { return {kIn, kOut, kUrls, kRecursive, kProgress}; }

  explicit ImageInput(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  std::vector<std::string> urls_;
  bool recursive_;
  bool progress_;
  InputPort* inp_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::media
