// ImageInput and decode_image: sorted folders, files and globs; non-images skipped and counted;
// the out → pipeline → inp loop ends by itself.

#include "image_input.hpp"

#include <fstream>
#include <iterator>
#include <mutex>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "file_list.hpp"
#include "image_header.hpp"
#include "progress.hpp"
#include "rill/config/toml_loader.hpp"
#include "rill/core/graph.hpp"
#include "rill/media/image_decode.hpp"
#include "rill/media/nodes.hpp"
#include "support/scratch_dir.hpp"

namespace rill::media {
namespace {

using rill::testing::ScratchDir;

/// Writes a w×h image whose pixel (0,0) is (b,g,r).
std::string write_image(const ScratchDir& dir, const std::string& name, int w, int h,
                        cv::Vec3b bgr = {10, 20, 200}) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(bgr[0], bgr[1], bgr[2]));
  std::string path = dir.path(name);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  EXPECT_TRUE(cv::imwrite(path, m)) << path;
  return path;
}

TEST(DecodeImage, PngAndJpegDecodeToBgr) {
  ScratchDir dir;
  for (const char* name : {"a.png", "a.jpg", "a.bmp"}) {
    auto f = read_image(write_image(dir, name, 33, 17));
    ASSERT_EQ(f->format(), PixelFormat::kBGR24) << name;
    EXPECT_EQ(f->width(), 33);
    EXPECT_EQ(f->height(), 17);
    EXPECT_NEAR(f->data()[0], 10, 4) << name;
    EXPECT_NEAR(f->data()[2], 200, 4) << name;
  }
}

TEST(DecodeImage, PixelsComeFromThePoolAndGoBackToIt) {
  ScratchDir dir;
  std::string a = write_image(dir, "a.png", 64, 48);
  const std::uint8_t* first = nullptr;
  { first = read_image(a)->data(); }  // decoded, then released to the pool
  EXPECT_EQ(read_image(a)->data(), first) << "the same size gets the recycled buffer";
}

TEST(DecodeImage, GarbageEmptyAndTruncatedBytesAreClearErrors) {
  std::vector<std::uint8_t> garbage(300, 0x42);
  EXPECT_THROW(decode_image(garbage), MediaError);
  EXPECT_THROW(decode_image({}), MediaError);
  ScratchDir dir;
  std::string path = write_image(dir, "cut.png", 64, 64);
  std::filesystem::resize_file(path, 40);
  EXPECT_THROW(read_image(path), MediaError);
}

// A PNG header claiming 100000 x 100000 pixels is refused before anything is allocated.
TEST(DecodeImage, HugeDeclaredSizeIsRefusedBeforeDecoding) {
  std::vector<std::uint8_t> png = {0x89, 'P',  'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0, 0,
                                   13,   'I',  'H', 'D', 'R',  0,    1,    0x86, 0xa0, 0, 1,
                                   0x86, 0xa0, 8,   2,   0,    0,    0,    0,    0,    0, 0};
  try {
    decode_image(png);
    FAIL();
  } catch (const MediaError& e) {
    EXPECT_NE(std::string(e.what()).find("100000x100000"), std::string::npos) << e.what();
  }
}

// The fuzzer's first find: a 60-byte BMP declaring a 2 GB bitmap made OpenCV allocate it.
TEST(DecodeImage, HugeBmpIsRefusedFromItsHeader) {
  std::ifstream in(std::string(RILL_SOURCE_DIR) + "/fuzz/regressions/image/bmp-huge-declared-size",
                   std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  ASSERT_FALSE(bytes.empty());
  try {
    decode_image(bytes);
    FAIL();
  } catch (const MediaError& e) {
    EXPECT_NE(std::string(e.what()).find("bmp image of"), std::string::npos) << e.what();
  }
}

TEST(ImageHeader, ReadsTheDeclaredSizeOfEveryAcceptedFormat) {
  ScratchDir dir;
  for (const char* name : {"a.png", "a.jpg", "a.bmp", "a.webp", "a.ppm"}) {
    std::string path = write_image(dir, name, 37, 21);
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    std::optional<ImageHeader> h = read_image_header(bytes);
    ASSERT_TRUE(h) << name;
    EXPECT_EQ(h->width, 37) << name;
    EXPECT_EQ(h->height, 21) << name;
    EXPECT_NO_THROW(decode_image(bytes)) << name;
  }
  std::vector<std::uint8_t> tiff = {'I', 'I', 42, 0, 8, 0, 0, 0};
  EXPECT_FALSE(read_image_header(tiff));
  EXPECT_THROW(decode_image(tiff), MediaError) << "formats whose size rill cannot check";
}

TEST(FileList, DirectoriesSortedFilesAndGlobsAndProblems) {
  ScratchDir dir;
  dir.write("imgs/b.jpg", "x");
  dir.write("imgs/a.jpg", "x");
  dir.write("imgs/.hidden.jpg", "x");
  dir.write("imgs/sub/c.jpg", "x");
  dir.write("other/z.png", "x");
  FileList flat = list_files({dir.path("imgs")}, false);
  EXPECT_EQ(flat.files, (std::vector<std::string>{dir.path("imgs/a.jpg"), dir.path("imgs/b.jpg")}));
  FileList deep = list_files({dir.path("imgs")}, true);
  EXPECT_EQ(deep.files.size(), 3u);
  FileList mixed =
      list_files({dir.path("other/z.png"), dir.path("imgs/*.jpg"), dir.path("missing")}, false);
  EXPECT_EQ(mixed.files, (std::vector<std::string>{dir.path("other/z.png"), dir.path("imgs/a.jpg"),
                                                   dir.path("imgs/b.jpg")}));
  ASSERT_EQ(mixed.problems.size(), 1u);
  EXPECT_NE(mixed.problems[0].find("missing"), std::string::npos);
}

TEST(Progress, LineShowsCountPercentRateAndEta) {
  Progress p("main/src", 200, "images", nullptr);
  p.advance(50);
  std::string line = p.line();
  EXPECT_NE(line.find("main/src  50/200 images   25%"), std::string::npos) << line;
  EXPECT_NE(line.find("/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA"), std::string::npos) << line;
}

/// Counts what it sees (stems and partial ids) and sends each message back.
class ImageTally final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp"};
  static constexpr Output<Map> kOut{"out"};
  static Contract contract() { return {kIn, kOut}; }
  explicit ImageTally(const NodeConfig&) {}
  void init(Context& ctx) override {
    in_ = &ctx[kIn];
    out_ = &ctx[kOut];
  }
  Task<> exec(Context& ctx) override {
    std::optional<Envelope> e = co_await in_->recv();
    if (!e) co_return;
    {
      std::lock_guard g(mu());
      seen().emplace_back(*e->info().partial_id(),
                          e->msg().as_map().find("extra_data")->as_string());
    }
    co_await out_->send(std::move(*e));
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::vector<std::pair<std::uint64_t, std::string>>& seen() {
    static std::vector<std::pair<std::uint64_t, std::string>> s;
    return s;
  }

 private:
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

TEST(ImageInput, EmitsImagesInOrderSkipsNonImagesAndTheLoopEnds) {
  ScratchDir dir;
  write_image(dir, "imgs/03.png", 40, 30);
  write_image(dir, "imgs/01.jpg", 40, 30);
  write_image(dir, "imgs/02.jpg", 64, 48);
  dir.write("imgs/notes.txt", "not an image");
  dir.write("imgs/empty.jpg", "");
  auto registry = std::make_shared<Registry>();
  register_builtin_nodes(*registry);
  register_media_nodes(*registry);
  registry->add<ImageTally>("ImageTally", "test");
  std::string toml = fmt::format(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "ImageInput", urls = ["{}"], progress = false }},
  {{ name = "tally", ty = "ImageTally" }},
]
connections = [
  {{ cap = 2, ports = ["src:out", "tally:inp"] }},
  {{ cap = 2, ports = ["tally:out", "src:inp"] }},
]
)",
                                 dir.path("imgs"));
  ImageTally::seen().clear();
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "img.toml", ".", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  auto graph = Graph::create(*spec, registry, diags);
  ASSERT_TRUE(graph) << diags.format();
  graph->start();
  auto result = graph->wait_for(std::chrono::seconds(60));
  ASSERT_TRUE(result) << "the loop did not end";
  EXPECT_TRUE(result->ok) << result->format();
  std::lock_guard g(ImageTally::mu());
  EXPECT_EQ(ImageTally::seen(),
            (std::vector<std::pair<std::uint64_t, std::string>>{{0, "01"}, {1, "02"}, {2, "03"}}));
}

}  // namespace
}  // namespace rill::media
