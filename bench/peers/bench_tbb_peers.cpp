// bench_tbb_peers: the TBB flow-graph peers on their own, one JSON line per result, so that
// `make bench` shows what rill's core.chain8 / core.fan8 are compared against.
//
//   bench_tbb_peers [--filter S] [--messages N] [--cap C] [--threads 1,2] [--repeat R] [--variants]
//
// Benches: peer.tbb_chain8_t<threads>, peer.tbb_fan8_t<threads>; with --variants also
// peer.tbb_<topology>_t<threads>.<variant> for every configuration tbb_peers.cpp knows.
// --messages defaults to 2,000,000 for chain8 and 500,000 for fan8 (it does 8× the hops).
// The value is the median of --repeat runs (default 3); every run is in "extra".

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "tbb_peers.hpp"

namespace {

using rill::bench::PeerVariant;

struct Options {
  std::string filter;
  std::int64_t messages = 0;  // 0: per-topology default
  int cap = 16;
  std::vector<int> threads = {1, 2};
  int repeat = 3;
  bool variants = false;
};

[[noreturn]] void usage(const char* argv0, const char* error) {
  if (error != nullptr) std::fprintf(stderr, "%s: %s\n", argv0, error);
  std::fprintf(stderr,
               "usage: %s [--filter S] [--messages N] [--cap C] [--threads 1,2] [--repeat R] "
               "[--variants]\n",
               argv0);
  std::exit(error != nullptr ? 2 : 0);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argv[0], ("missing value for " + a).c_str());
      return argv[++i];
    };
    try {
      if (a == "--filter") {
        o.filter = value();
      } else if (a == "--messages") {
        o.messages = std::stoll(value());
      } else if (a == "--cap") {
        o.cap = std::stoi(value());
      } else if (a == "--repeat") {
        o.repeat = std::max(1, std::stoi(value()));
      } else if (a == "--threads") {
        o.threads.clear();
        std::string list = value();
        for (std::size_t pos = 0; pos <= list.size();) {
          const std::size_t comma = std::min(list.find(',', pos), list.size());
          o.threads.push_back(std::stoi(list.substr(pos, comma - pos)));
          pos = comma + 1;
        }
      } else if (a == "--variants") {
        o.variants = true;
      } else if (a == "-h" || a == "--help") {
        usage(argv[0], nullptr);
      } else {
        usage(argv[0], ("unknown argument " + a).c_str());
      }
    } catch (const std::logic_error&) {
      usage(argv[0], ("bad value for " + a).c_str());
    }
  }
  if (o.messages < 0 || o.cap < 1) usage(argv[0], "--messages and --cap must be positive");
  return o;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void run(const Options& o, bool fan, int threads, const PeerVariant& variant, bool suffix) {
  std::string name =
      std::string("peer.tbb_") + (fan ? "fan8" : "chain8") + "_t" + std::to_string(threads);
  if (suffix) {
    name += '.';
    for (const char* c = variant.name; *c != '\0'; ++c) name += (*c == '/') ? '_' : *c;
  }
  if (!o.filter.empty() && name.find(o.filter) == std::string::npos) return;

  const std::int64_t messages = o.messages > 0 ? o.messages : (fan ? 500'000 : 2'000'000);
  std::vector<double> runs;
  for (int r = 0; r < o.repeat; ++r) {
    runs.push_back(rill::bench::tbb_run_variant(fan, variant.policy, messages, o.cap, threads));
  }
  const double value = median(runs);
  // chain8: source → 8 stages → sink is 9 hops; fan8: bcast → 8 branches → join → sink.
  const double hops = fan ? 8.0 * 2 + 2 : 9.0;
  std::string runs_json;
  for (double r : runs) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.0f", runs_json.empty() ? "" : ", ", r);
    runs_json += buf;
  }
  std::printf(
      "{\"bench\": \"%s\", \"value\": %.0f, \"peer\": null, \"unit\": \"msgs/s\", \"ratio\": null, "
      "\"notes\": \"oneTBB flow graph, %s nodes%s\", \"extra\": {\"messages\": %lld, \"cap\": %d, "
      "\"threads\": %d, \"ns_per_hop\": %.1f, \"runs\": [%s]}}\n",
      name.c_str(), value, variant.name, variant.preserves_order ? "" : " (may reorder)",
      static_cast<long long>(messages), o.cap, threads, 1e9 / (value * hops), runs_json.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  for (bool fan : {false, true}) {
    for (int threads : o.threads) {
      run(o, fan, threads, rill::bench::tbb_chosen_variant(fan, threads), false);
      if (o.variants) {
        for (const PeerVariant& v : rill::bench::tbb_peer_variants()) run(o, fan, threads, v, true);
      }
    }
  }
  return 0;
}
