#pragma once
// Helpers of the XStream JSON front-end tests: data paths, type-strict JSON comparison (XStream's
// subworkflow tests compare with jsoncpp's ==, where 1 is not 1.0) and diagnostic matching.

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rill/config/workflow.hpp>

namespace rill::config::testing {

/// The directory of this front-end's test data, with a trailing '/'.
inline std::string json_data_dir() { return std::string(RILL_TEST_DATA_DIR) + "/config/json/"; }

inline nlohmann::json parse_file(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

inline std::string member_path(const std::string& path, const std::string& key) {
  return path + "." + key;
}

/// Equal as JSON with value types compared strictly: integers (signed or not) never equal floats.
inline ::testing::AssertionResult strict_json_equal(const nlohmann::json& expected,
                                                    const nlohmann::json& actual,
                                                    const std::string& path = "$") {
  auto category = [](const nlohmann::json& v) {
    return v.is_number_integer() ? 100 : static_cast<int>(v.type());  // signed == unsigned
  };
  if (category(expected) != category(actual)) {
    return ::testing::AssertionFailure()
           << path << ": expected " << expected.dump() << " (" << expected.type_name() << "), got "
           << actual.dump() << " (" << actual.type_name() << ")";
  }
  if (expected.is_object()) {
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k)) return ::testing::AssertionFailure() << path << ": missing " << k;
      auto r = strict_json_equal(v, actual.at(k), member_path(path, k));
      if (!r) return r;
    }
    for (const auto& [k, v] : actual.items()) {
      if (!expected.contains(k)) {
        return ::testing::AssertionFailure() << path << ": unexpected " << k << " = " << v.dump();
      }
    }
    return ::testing::AssertionSuccess();
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size()) {
      return ::testing::AssertionFailure()
             << path << ": expected " << expected.size() << " elements, got " << actual.size()
             << ": " << actual.dump();
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto r = strict_json_equal(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected != actual) {
    return ::testing::AssertionFailure()
           << path << ": expected " << expected.dump() << ", got " << actual.dump();
  }
  return ::testing::AssertionSuccess();
}

/// Whether some diagnostic formats exactly as `line`.
inline ::testing::AssertionResult has_diagnostic(const Diagnostics& diags,
                                                 const std::string& line) {
  for (const Diagnostic& d : diags.items()) {
    if (d.format() == line) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no diagnostic\n  " << line << "\namong\n"
                                       << diags.format();
}

/// Whether some error message contains `text`.
inline ::testing::AssertionResult has_error_containing(const Diagnostics& diags,
                                                       const std::string& text) {
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::kError && d.format().find(text) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no error containing\n  " << text << "\namong\n"
                                       << diags.format();
}

/// Loads flat JSON text (base directory: the test data directory).
inline WorkflowLoad load_text(const std::string& text, Diagnostics& diags,
                              const std::string& name = "cfg.json") {
  return load_workflow_string(text, name, json_data_dir(), diags);
}

}  // namespace rill::config::testing
