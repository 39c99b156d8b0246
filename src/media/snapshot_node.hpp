#pragma once
// Snapshot (`inp` → `out`): writes the frame of every `every`-th message of each stream (`data`)
// as a JPEG file into `dir`, named by `pattern`: `{stream}` (the frame's stream id, else the
// message's from_addr), `{frame}` (its frame index, else the message's partial_id), `{tid}` (the
// message's `tid`, e.g. a best shot's track) and `{stem}` (its `extra_data`, e.g. ImageInput's
// file stem); a key the message lacks gives an empty string. Every message goes on through
// `out` unchanged. Logs how many files it wrote when `inp` ends.

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "rill/core/node.hpp"

namespace rill::media {

class SnapshotNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "messages whose `data` is a frame"};
  static constexpr Output<Map> kOut{"out", "every message, unchanged"};
  static constexpr StringArg kDir{
      .name = "dir", .doc = "directory for the JPEG files (made when missing)", .required = true};
  static constexpr StringArg kPattern{.name = "pattern",
                                      .def = "{stream}_{frame}.jpg",
                                      .doc = "file name: {stream}, {frame}, {tid}, {stem}"};
  static constexpr IntArg kQuality{
      .name = "quality", .def = 90, .min = 0, .max = 100, .doc = "JPEG quality"};
  static constexpr IntArg kEvery{.name = "every",
                                 .def = 1,
                                 .min = 1,
                                 .max = 1'000'000'000,
                                 .doc = "write every Nth message of each stream"};
  static Contract contract() { return {kIn, kOut, kDir, kPattern, kQuality, kEvery}; }

  explicit SnapshotNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  /// The file name for message `e` (the `seen`-th of its stream) carrying `frame`.
  [[nodiscard]] std::string file_name(const Envelope& e, const Frame& frame, std::int64_t stream,
                                      std::uint64_t seen) const;

  std::filesystem::path dir_;
  std::string pattern_;
  int quality_;
  std::int64_t every_;
  std::map<std::int64_t, std::uint64_t> seen_;  // messages so far, by stream
  std::set<std::filesystem::path> made_dirs_;   // subdirectories a pattern named, made once
  std::uint64_t written_ = 0;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::media
