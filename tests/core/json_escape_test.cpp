// json_escape: RFC 8259 string literals, the one escaper every JSON writer in rill uses.

#include <string>

#include <gtest/gtest.h>

#include <rill/core/json_escape.hpp>

namespace rill {
namespace {

TEST(JsonEscape, PlainTextIsOnlyQuoted) { EXPECT_EQ(json_string("main/det"), "\"main/det\""); }

TEST(JsonEscape, QuoteAndBackslashAreEscaped) {
  EXPECT_EQ(json_string(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
}

TEST(JsonEscape, ControlCharactersWithAShortFormUseIt) {
  EXPECT_EQ(json_string("\b\f\n\r\t"), R"("\b\f\n\r\t")");
}

TEST(JsonEscape, OtherControlCharactersAndDeleteAreUnicodeEscapes) {
  EXPECT_EQ(json_string(std::string("\0\x01\x1f\x7f", 4)), R"("\u0000\u0001\u001f\u007f")");
}

TEST(JsonEscape, Utf8AndSlashPassThrough) {
  EXPECT_EQ(json_string("a/b \xc3\xa9 \xe2\x86\x92"), "\"a/b \xc3\xa9 \xe2\x86\x92\"");
}

TEST(JsonEscape, AppendKeepsWhatIsAlreadyThere) {
  std::string out = "{\"k\":";
  append_json_string(out, "v\n");
  EXPECT_EQ(out, "{\"k\":\"v\\n\"");
}

}  // namespace
}  // namespace rill
