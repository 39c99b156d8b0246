// `rill nodes`: the node types a config may name, one type's contract, and the Markdown
// catalogue committed in docs/nodes.md.

#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "cli/child_process.hpp"

namespace rill::testing {
namespace {

TEST(RillNodes, ListsBuiltinAndPluginTypesWithTheirPorts) {
  ProcessResult r = rill({"nodes", "-p", test_plugin_dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // type, inputs, outputs, doc
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(\nTransform +inp +out +forwards every envelope unchanged\n)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nDynDemux +inp +out:dyn +one dynamic)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(\nTickSource +- +out +sends 0, 1, 2, \.\.\. \(test plugin\)\n)")))
      << r.out;
}

TEST(RillNodes, WithoutThePluginPathPluginTypesAreAbsent) {
  ProcessResult r = rill({"nodes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("TickSource"), std::string::npos) << r.out;
}

TEST(RillNodes, OneTypeShowsItsPortsAndArgumentSchema) {
  ProcessResult r = rill({"nodes", "Batch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Batch: groups up to batch_size", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\ninputs:\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\noutputs:\n"), std::string::npos) << r.out;
  // name, kind, default, limits, doc
  EXPECT_NE(r.out.find("batch_size  int"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1..65536"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("messages per batch"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("timeout     float"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("list"), std::string::npos) << "out carries a List: " << r.out;
}

TEST(RillNodes, APluginTypeShowsItsArguments) {
  ProcessResult r = rill({"nodes", "Explode", "-p", test_plugin_dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("at    int"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the value to throw on"), std::string::npos) << r.out;
}

TEST(RillNodes, AnUnknownTypeIsAnErrorWithASuggestion) {
  ProcessResult r = rill({"nodes", "Bacth"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no node type 'Bacth' (did you mean 'Batch'?)"), std::string::npos) << r.err;
}

TEST(RillNodes, TheCommittedCatalogueIsTheGeneratedOne) {
  const std::string doc = read_file(std::string(RILL_TEST_DATA_DIR) + "/../../docs/nodes.md");
  const std::string begin = "<!-- catalogue:begin (rill nodes --markdown; make catalogue) -->\n";
  const std::string end = "<!-- catalogue:end -->";
  const auto b = doc.find(begin);
  const auto e = doc.find(end);
  ASSERT_NE(b, std::string::npos) << "docs/nodes.md has no catalogue markers";
  ASSERT_NE(e, std::string::npos);
  ProcessResult r = rill({"nodes", "--markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), r.out)
      << "docs/nodes.md's catalogue is stale: run `make catalogue`";
}

}  // namespace
}  // namespace rill::testing
